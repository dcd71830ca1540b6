package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * An officer keeps the console open while a partner's reviewer decides (the sandbox's admin
 * endpoint, as docs/api-guide.md does with curl; the partner calls the gateway back): the work
 * queue, the request's page and its case's page each show the change in place, without a reload.
 */
@BrowserTest
@ExtendWith(SharedLocalRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveUpdatesJourneyIT {

  LocalRun run;

  @BeforeAll
  void onTheLocalRun(LocalRun run, Browser browser) {
    this.run = run;
    browser.useBase(run.gateway());
  }

  private String submittedMetaTakedown(String externalRef) {
    String caseId = run.submit(Journeys.oneMetaTakedown(externalRef));
    String requestId = run.requestIds(caseId).get("META/TAKEDOWN");
    run.awaitStatus(requestId, "SUBMITTED");
    return requestId;
  }

  @Test
  void aPartnersDecisionShowsOnTheOpenWorkQueueWithoutAReload(Browser browser) {
    String requestId = submittedMetaTakedown("EIB-LIVE-Q-" + System.nanoTime());
    browser.open(WorkQueuePage.PATH);
    WorkQueuePage queue = new IdentityPickerPage(browser).signInAsOfficer();
    queue.awaitStatus(requestId, "SUBMITTED");
    ThePageStays page = ThePageStays.marked(browser);

    run.decide("meta", requestId, "review", "");
    queue.awaitStatus(requestId, "IN_REVIEW");
    assertTrue(queue.rowText(requestId).contains("En examen"), queue.rowText(requestId));

    run.decide("meta", requestId, "complete", "{\"outcome\":\"REMOVED\"}");
    queue.awaitGone(requestId);
    page.assertNotReloaded();
  }

  @Test
  void aPartnersDecisionShowsOnTheOpenRequestAndCasePagesWithoutAReload(Browser browser) {
    String requestId = submittedMetaTakedown("EIB-LIVE-R-" + System.nanoTime());
    browser.open(WorkQueuePage.PATH);
    WorkQueuePage queue = new IdentityPickerPage(browser).signInAsOfficer();
    queue.awaitStatus(requestId, "SUBMITTED");

    RequestPage request = queue.openRequest(requestId);
    assertEquals("SUBMITTED", request.status());
    request.checkAccessibility();
    ThePageStays page = ThePageStays.marked(browser);
    run.decide("meta", requestId, "review", "");
    request.awaitStatus("IN_REVIEW", "En examen");
    run.decide("meta", requestId, "complete", "{\"outcome\":\"REMOVED\"}");
    request.awaitStatus("COMPLETED", "Terminée");
    assertEquals("Retiré", request.fact("fact-outcome"));
    assertTrue(
        request.timelineSources().contains("partner-callback"),
        request.timelineSources().toString());
    page.assertNotReloaded();

    CasePage casePage = request.openCase();
    casePage.checkAccessibility();
    assertEquals(List.of(requestId), casePage.requestIds());
  }

  @Test
  void aPartnersDecisionShowsOnTheOpenCasePageWithoutAReload(Browser browser) {
    String caseId = run.submit(Journeys.oneMetaTakedown("EIB-LIVE-C-" + System.nanoTime()));
    String requestId = run.requestIds(caseId).get("META/TAKEDOWN");
    run.awaitStatus(requestId, "SUBMITTED");
    browser.open("/console/cases/" + caseId);
    new IdentityPickerPage(browser).pick("officer-1");
    CasePage casePage = new CasePage(browser);
    casePage.awaitStatus(requestId, "SUBMITTED");
    ThePageStays page = ThePageStays.marked(browser);

    run.decide("meta", requestId, "complete", "{\"outcome\":\"RESTRICTED\"}");
    casePage.awaitStatus(requestId, "COMPLETED");
    assertTrue(casePage.heading().contains("Clos"), casePage.heading());
    page.assertNotReloaded();
  }
}
