package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.platform.Platform;

/**
 * An officer on duty acts on one request from its page (issue #17, items 3, 4, 5 and 7): retries a
 * FAILED request with a reason and reads it in the timeline; sees a refusal when the request moved
 * on meanwhile; gets the form back when the reason is blank; and a form posted without its CSRF
 * token changes nothing. The page, its forms and its notices pass the accessibility check.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class RetryFailedRequestJourneyIT extends OfficerActionJourney {

  static final String REASON = "Meta confirmed the outage is over (ticket 4471)";

  @Test
  void officerRetriesAFailedRequestWithAReasonAndSeesItInTheTimeline(Browser browser) {
    String id = states.failed();
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestDetailPage page = RequestDetailPage.open(browser, id);
    assertEquals(List.of("retry"), page.forms(), "a FAILED request can only be retried");
    page.checkAccessibility();

    RequestDetailPage.Notice notice =
        page.type("Motif de la relance", REASON)
            .tick("Je confirme : relancer cette demande")
            .press("Relancer");

    assertEquals("done", notice.outcome());
    assertTrue(notice.text().startsWith("La demande a été relancée"), notice.text());
    assertEquals(
        "action-notice",
        browser.focused().getAttribute("data-testid"),
        "the outcome takes the focus, so that a screen reader reads it");
    RequestDetailPage.Line retried =
        page.timeline().stream()
            .filter(line -> line.source().equals("officer"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertEquals("PENDING", retried.to());
    assertEquals("officer-1", retried.actor());
    assertEquals("retried by an officer; attempts reset; reason: " + REASON, retried.detail());
    assertEquals("", browser.currentPath().replace("/console/requests/" + id, ""));
    page.checkAccessibility();
    requests.awaitStatus(id, "SUBMITTED");
  }

  @Test
  void withoutScriptsTheRetryIsPostedAndThePageSaysItOnce(Browser browser) {
    String id = states.failed();
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestDetailPage page =
        RequestDetailPage.open(browser, id)
            .type("Motif de la relance", REASON)
            .tick("Je confirme : relancer cette demande");

    browser.script(
        "HTMLFormElement.prototype.submit.call(document.querySelector('[data-testid=action-retry]'))");

    RequestDetailPage reloaded = new RequestDetailPage(browser);
    assertEquals("done", reloaded.notice().outcome());
    assertEquals("/console/requests/" + id, browser.currentPath(), "redirected to the page");
    browser.driver().navigate().refresh();
    new RequestDetailPage(browser);
    assertTrue(
        browser.driver().findElements(RequestDetailPage.NOTICE).isEmpty(),
        "a reload does not claim the action again");
  }

  @Test
  void aRequestThatMovedOnMeanwhileShowsTheRefusal(Browser browser) {
    String id = states.submitted(Platform.META, "TAKEDOWN");
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestDetailPage page = RequestDetailPage.open(browser, id);
    assertEquals(List.of("cancel"), page.forms());
    TestGateway.sandbox().meta().complete(id, "REMOVED");
    requests.awaitStatus(id, "COMPLETED");

    RequestDetailPage.Notice notice =
        page.type("Motif de l’annulation", "duplicate")
            .tick("Je confirme : annuler cette demande")
            .press("Annuler la demande");

    assertEquals("refused", notice.outcome());
    assertEquals("urn:takedown-gateway:problem:state-conflict", notice.problemType());
    assertTrue(notice.text().contains("« Terminée / Retiré »"), notice.text());
    assertEquals(List.of(), page.forms(), "the page shows the request as it is now");
    assertEquals("COMPLETED", page.status());
    page.checkAccessibility();
  }

  @Test
  void aBlankReasonBringsTheFormBackWithTheErrorAndChangesNothing(Browser browser) {
    String id = states.submitted(Platform.TIKTOK, "TAKEDOWN");
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);

    RequestDetailPage page =
        RequestDetailPage.open(browser, id)
            .type("Motif de l’annulation", "   ")
            .tick("Je confirme : annuler cette demande")
            .pressExpectingError("Annuler la demande");

    assertEquals(List.of("Indiquez un motif."), page.errors());
    assertEquals(
        "reason-cancel", browser.focused().getAttribute("id"), "the field takes the focus");
    page.checkAccessibility();
    assertEquals("SUBMITTED", requests.get(id).get("status"));
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefusedAndNothingChanges(Browser browser) {
    String id = states.submitted(Platform.TIKTOK, "TAKEDOWN");
    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestDetailPage.open(browser, id)
        .type("Motif de l’annulation", "forged")
        .tick("Je confirme : annuler cette demande");

    browser.script(
        "var form = document.querySelector('[data-testid=action-cancel]');"
            + "form.querySelector('input[name=csrfToken]').remove();"
            + "HTMLFormElement.prototype.submit.call(form);");

    // the CSRF check's own page (console/signin), before any controller
    browser.visible(Controls.heading("Action refusée"));
    assertTrue(
        browser.driver().getPageSource().contains("rien n'a été modifié"),
        browser.driver().getPageSource());
    assertEquals("SUBMITTED", requests.get(id).get("status"), "nothing changed");
  }
}
