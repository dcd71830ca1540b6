package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * An officer extends several preservations at once from the requests list (issue #17, items 3 and
 * 7): filters the list to the completed requests, ticks two preservations and a takedown, gives one
 * reason, confirms, and reads that both preservations were extended and the takedown refused, with
 * the reason in each extended request's history. The result passes the accessibility check.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class BulkExtendJourneyIT extends OfficerActionJourney {

  static final String REASON = "Prosecutor asked for the data on 2024-09-02";

  @Test
  void officerExtendsSelectedPreservationsAndReadsWhatHappenedToEach(Browser browser) {
    String first = states.preserved();
    String second = states.preserved();
    String takedown = states.removed();
    Map<String, Object> firstBefore = requests.get(first);
    Map<String, Object> secondBefore = requests.get(second);
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestsListPage completed = RequestsListPage.open(browser, "status=COMPLETED");
    completed.checkAccessibility();
    BulkForm bulk = completed.bulk().select(first).select(second).select(takedown);

    BulkForm.BulkResult result =
        bulk.chooseAction("Prolonger la conservation").reason(REASON).confirm().apply();

    assertEquals("3 demande(s) : 2 prolongée(s), 1 non prolongée(s).", result.summary());
    assertEquals(
        List.of(
            new BulkForm.ResultLine(takedown, "refused", "COMPLETED", "Refusé"),
            new BulkForm.ResultLine(second, "done", "COMPLETED", "Fait"),
            new BulkForm.ResultLine(first, "done", "COMPLETED", "Fait")),
        result.lines(),
        "in the list's order, newest first");
    result.checkAccessibility();
    for (Map<String, Object> before : List.of(firstBefore, secondBefore)) {
      String id = (String) before.get("id");
      assertNotEquals(before.get("preservedUntil"), requests.get(id).get("preservedUntil"));
      String detail = (String) states.lastOfficerLine(id).get("detail");
      assertTrue(detail.endsWith("; reason: " + REASON), detail);
    }
    assertEquals("REMOVED", requests.get(takedown).get("outcome"), "refused, not touched");
  }
}
