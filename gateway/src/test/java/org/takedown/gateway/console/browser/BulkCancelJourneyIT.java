package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.platform.Platform;

/**
 * An officer cancels several requests at once from the work queue (issue #17, items 3 and 7): ticks
 * their rows (the ticks survive the board's reloads), gives one reason, confirms, and reads what
 * happened to each; the result passes the accessibility check, with scripts (under the form) and
 * without (its own page).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class BulkCancelJourneyIT extends OfficerActionJourney {

  static final String REASON = "Duplicates of case EIB-2024-000123";

  @Test
  void officerCancelsSelectedRowsAndReadsWhatHappenedToEach(Browser browser) {
    String first = states.submitted(Platform.META, "TAKEDOWN");
    String second = states.inReview();
    String untouched = states.submitted(Platform.TIKTOK, "TAKEDOWN");
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    WorkQueueBoard queue = WorkQueueBoard.open(browser);
    queue.checkAccessibility();

    BulkForm bulk = queue.bulk().select(first).select(second);
    queue.awaitReloadAfter(queue.renderedAt());
    assertTrue(bulk.isSelected(first) && bulk.isSelected(second), "kept across a reload");

    BulkForm.BulkResult result = bulk.chooseAction("Annuler").reason(REASON).confirm().apply();

    assertEquals("2 demande(s) : 2 annulée(s), 0 non annulée(s).", result.summary());
    assertEquals(
        List.of(
            new BulkForm.ResultLine(first, "done", "CANCELLED", "Fait"),
            new BulkForm.ResultLine(second, "done", "CANCELLED", "Fait")),
        result.lines());
    result.checkAccessibility();
    for (String id : List.of(first, second)) {
      assertEquals(
          "cancelled by an officer; reason: " + REASON, states.lastOfficerLine(id).get("detail"));
    }
    assertEquals("SUBMITTED", requests.get(untouched).get("status"), "not selected, not touched");
    browser.waitUntil(
        driver -> !queue.shows(first) && !queue.shows(second) && queue.shows(untouched),
        "the cancelled rows to leave the queue");
  }

  @Test
  void withoutScriptsTheResultIsAPageOfItsOwn(Browser browser) {
    String open = states.submitted(Platform.GOOGLE, "TAKEDOWN");
    String decided = states.submitted(Platform.META, "TAKEDOWN");
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    BulkForm.BulkResult result;
    try {
      BulkForm bulk = WorkQueueBoard.open(browser).bulk().select(open).select(decided);
      bulk.chooseAction("Annuler").reason(REASON).confirm();
      // the partner decides one of them while the officer fills the form
      TestGateway.sandbox().meta().complete(decided, "REMOVED");
      requests.awaitStatus(decided, "COMPLETED");

      result = bulk.apply();

      assertEquals(
          List.of(
              new BulkForm.ResultLine(open, "done", "CANCELLED", "Fait"),
              new BulkForm.ResultLine(decided, "refused", "COMPLETED", "Refusé")),
          result.lines());
      assertEquals("/console/requests/bulk", browser.currentPath(), "a page of its own");
    } finally {
      chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }
    result.checkAccessibility();
  }
}
