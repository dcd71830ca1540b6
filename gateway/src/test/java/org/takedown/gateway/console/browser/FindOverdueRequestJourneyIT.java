package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.platform.Platform;

/**
 * An officer on duty finds the terrorism request that is overdue, first with the filters (category,
 * overdue), then again by the reference the partner gave it, with the keyboard alone, and opens it;
 * and the pages of that journey pass axe-core's check. The terrorism deadline is a millisecond, so
 * that the open terrorism request is overdue at once; requests are delivered to the partner sandbox
 * (they get a partner reference) and not polled (they stay SUBMITTED).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class FindOverdueRequestJourneyIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext gateway;
  @Inject JsonMapper json;
  String overdue;
  String partnerRef;
  String cancelled;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false", "gateway.deadlines.terrorism", "1ms");
  }

  @BeforeAll
  void requests() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    Map<String, Object> terrorism = Cases.oneItem(Platform.TIKTOK, "TAKEDOWN");
    terrorism.put("category", "TERRORISM");
    terrorism.put("priority", "ROUTINE");
    overdue = (String) requests.submit(terrorism).get(0).get("id");
    Map<String, Object> earlier = Cases.oneItem(Platform.META, "TAKEDOWN");
    earlier.put("category", "TERRORISM");
    cancelled = (String) requests.submit(earlier).get(0).get("id");
    for (int i = 0; i < 3; i++) {
      Map<String, Object> fraud = Cases.spread("EIB-FRAUD-" + UUID.randomUUID(), 3);
      fraud.put("category", "FRAUD");
      fraud.put("priority", "ROUTINE");
      requests.submit(fraud);
    }
    partnerRef = (String) requests.awaitStatus(overdue, "SUBMITTED").get("partnerRef");
    requests.awaitStatus(cancelled, "SUBMITTED");
    assertEquals(200, requests.act(cancelled, "cancel").status());
  }

  private void signIn(Browser browser) {
    SignedIn.as(browser, gateway, "officer-1", Roles.LIAISON_OFFICER);
  }

  @Test
  void findsTheOverdueTerrorismRequestWithTheFiltersAndOpensIt(Browser browser) {
    signIn(browser);
    RequestsListPage list = WorkQueueBoard.open(browser).requests();
    assertTrue(list.rowIds().containsAll(List.of(overdue, cancelled)), list.rowIds().toString());

    RequestsListPage terrorism = list.choose("Catégorie", "Terrorisme").filter();
    assertEquals("/console/requests?category=TERRORISM", browser.currentPath());
    assertEquals(List.of(cancelled, overdue), terrorism.rowIds(), "newest first");

    RequestsListPage late = terrorism.choose("Retard", "En retard seulement").filter();

    assertEquals("/console/requests?category=TERRORISM&overdue=true", browser.currentPath());
    List<RequestsListPage.Row> rows = late.rows();
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(overdue, rows.get(0).id());
    assertEquals("overdue", rows.get(0).dueState());
    assertEquals(partnerRef, rows.get(0).partnerRef());
    RequestDetailPage request = late.openRequest(overdue);
    assertEquals(overdue, request.id());
    assertEquals("SUBMITTED", request.status());
    // the filtered view is a link: opened afresh, it shows the same
    browser.open("/console/requests?category=TERRORISM&overdue=true");
    assertEquals(List.of(overdue), new RequestsListPage(browser).rowIds());
  }

  @Test
  void findsItAgainByItsPartnerReferenceWithTheKeyboardAlone(Browser browser) {
    signIn(browser);
    RequestsListPage.open(browser, "");

    tabTo(browser, "Référence du partenaire");
    browser.press(partnerRef);
    RequestsListPage found = new RequestsListPage(browser).pressEnter();

    assertEquals(List.of(overdue), found.rowIds());
    assertEquals(
        "/console/requests?partnerRef=" + URLEncoder.encode(partnerRef, StandardCharsets.UTF_8),
        browser.currentPath(),
        "a link to it");
    tabTo(browser, "Ouvrir la demande " + overdue.substring(0, 8));
    browser.press(Keys.ENTER);
    RequestDetailPage request = new RequestDetailPage(browser);
    assertEquals(overdue, request.id());
    assertEquals(partnerRef, request.partnerRef());
  }

  /** Presses Tab until the control named {@code name} has the focus (at most 80 times). */
  private static void tabTo(Browser browser, String name) {
    for (int i = 0; i < 80; i++) {
      browser.press(Keys.TAB);
      if (browser.focusedName().equals(name)) {
        return;
      }
    }
    throw new AssertionError("the keyboard never reached \"" + name + "\" on " + browser.where());
  }

  @Test
  void theListEmptyFullOrRefusedTheWorkQueueAndTheRequestPagePassTheAccessibilityCheck(
      Browser browser) {
    signIn(browser);
    WorkQueueBoard.open(browser).checkAccessibility();

    RequestsListPage full = RequestsListPage.open(browser, "");
    assertTrue(full.rowIds().size() >= 11, full.rowIds().toString());
    full.checkAccessibility();

    RequestsListPage empty = full.type("Référence du dossier", "EIB-NOTHING").filter();
    assertEquals("Aucune demande ne correspond à ces filtres.", empty.emptyMessage());
    empty.checkAccessibility();

    RequestsListPage refused =
        RequestsListPage.open(browser, "status=DONE&url=nowhere&createdFrom=2024-02-30");
    assertEquals("Choisissez un état de la liste.", refused.fieldError("status"));
    refused.checkAccessibility();

    RequestDetailPage.open(browser, overdue).checkAccessibility();
  }
}
