package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSimulator;

/**
 * A liaison officer keeps two preservations from lapsing: ticks them on the preservations page,
 * gives one reason, extends them, and reads what happened to each. The axe check runs on the page
 * before and after.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class PreservationJourneyIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  final PartnerSimulator tiktok = TestGateway.sandbox().tiktok();
  Requests requests;
  List<String> preserved;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void preserveTwo() {
    requests = new Requests(new Api(server.getURL(), json));
    preserved = List.of(preservedByTikTok(), preservedByTikTok());
  }

  private String preservedByTikTok() {
    String id =
        (String) requests.submit(Cases.oneItem(Platform.TIKTOK, "PRESERVATION")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    tiktok.preserve(id);
    requests.awaitStatus(id, "COMPLETED");
    return id;
  }

  @Test
  void anOfficerExtendsTwoPreservationsWithOneReason(Browser browser) {
    SignedIn.as(browser, context, "officer-1", "liaison-officer");
    browser.open("/console/preservations");
    PreservationsListPage page = new PreservationsListPage(browser);
    page.checkAccessibility();

    PreservationsListPage done =
        page.tick(preserved.get(0))
            .tick(preserved.get(1))
            .reason("Réquisition du parquet de Rabat, dossier en cours")
            .extendTheSelection();

    assertEquals("2 demande(s) : 2 prolongée(s), 0 non prolongée(s).", done.summary());
    for (String id : preserved) {
      assertTrue(done.resultOf(id).contains("Fait Terminée jusqu’au"), done.resultOf(id));
      assertEquals(1, tiktok.extendCallsFor(id));
      List<Map<String, Object>> history = requests.history(id);
      assertTrue(
          ((String) history.get(history.size() - 1).get("detail"))
              .endsWith("; reason: Réquisition du parquet de Rabat, dossier en cours"));
    }
    done.checkAccessibility();
  }
}
