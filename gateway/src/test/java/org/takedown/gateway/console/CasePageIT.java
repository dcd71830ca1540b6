package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * A case's page: what its submitter declared, non-disclosure before anything else, its requests.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Requests requests;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    Api api = new Api(server.getURL(), json);
    requests = new Requests(api);
    console = new ConsoleClient(api);
  }

  @Test
  void showsTheLegalBasisTheRequesterAndNonDisclosureFirst() {
    Map<String, Object> body = Cases.sample();
    List<Map<String, Object>> created = requests.submit(body);
    String caseId = (String) created.get(0).get("caseId");

    ConsoleClient.Page page = console.get("/console/cases/" + caseId, officer).assertHtml(200);

    Element banner = page.one("[data-testid=non-disclosure]");
    assertEquals("true", banner.attr("data-non-disclosure"));
    assertEquals(
        banner, page.one("main").child(0), "non-disclosure is the first thing the page says");
    assertTrue(banner.text().startsWith("Non-divulgation."), banner.text());
    assertEquals(body.get("externalRef"), page.text("[data-testid=fact-external-ref]"));
    assertEquals("Sextorsion", page.text("[data-testid=fact-category]"));
    assertEquals("Urgente", page.text("[data-testid=fact-priority]"));
    assertEquals("Loi 103-13", page.text("[data-testid=fact-law]"));
    assertEquals("art. 447-1", page.text("[data-testid=fact-article]"));
    assertEquals("PR-RABAT-2024-551", page.text("[data-testid=fact-authorization]"));
    assertEquals("Cdt. Officer Test", page.text("[data-testid=fact-requester-name]"));
    assertEquals("liaison@bnpj.test", page.text("[data-testid=fact-requester-email]"));
    assertEquals("BNPJ / Brigade technique", page.text("[data-testid=fact-requester-unit]"));
    assertEquals("Ouvert", page.text("[data-testid=case-status]"));

    List<Element> rows = page.html().select("[data-testid=case-request]");
    assertEquals(created.size(), rows.size());
    for (int i = 0; i < created.size(); i++) {
      Object id = created.get(i).get("id");
      assertEquals(id, rows.get(i).attr("data-request-id"));
      assertEquals(
          "/console/requests/" + id,
          rows.get(i).selectFirst("a[data-testid=request-link]").attr("href"));
      assertEquals(1, rows.get(i).select("[data-testid=countdown]").size(), "open: it counts down");
    }
  }

  @Test
  void saysSoWhenTheUserMayBeTold() {
    Map<String, Object> body = Cases.oneItem(org.takedown.platform.Platform.META, "TAKEDOWN");
    body.put("nonDisclosure", false);
    body.put("category", "TERRORISM");
    String caseId = (String) requests.submit(body).get(0).get("caseId");

    ConsoleClient.Page page = console.get("/console/cases/" + caseId, officer).assertHtml(200);

    assertEquals("false", page.one("[data-testid=non-disclosure]").attr("data-non-disclosure"));
    assertEquals(1, page.html().select("[data-testid=mark-terrorism]").size());
  }

  @Test
  void anUnknownOrMalformedIdIsANotFoundPage() {
    for (String id : List.of(UUID.randomUUID().toString(), "EIB-2024-000123")) {
      ConsoleClient.Page page = console.get("/console/cases/" + id, officer).assertHtml(404);
      assertEquals("404", page.one("[data-testid=error-page]").attr("data-status"));
    }
  }
}
