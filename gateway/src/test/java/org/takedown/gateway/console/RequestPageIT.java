package org.takedown.gateway.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
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
import org.takedown.platform.Platform;

/**
 * One request's page: its facts as the API gives them, its countdowns, its case, and one timeline
 * of everything that happened to it, with who did it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestPageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Requests requests;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    Api api = new Api(server.getURL(), json);
    requests = new Requests(api);
    console = new ConsoleClient(api);
  }

  @Test
  void showsTheRequestsFactsItsCaseAndItsWholeTimeline() {
    Map<String, Object> body = Cases.oneItem(Platform.TIKTOK, "TAKEDOWN");
    String id = (String) requests.submit(body).get(0).get("id");
    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");
    assertEquals(200, requests.act(id, "cancel").status());
    Map<String, Object> api = requests.get(id);

    ConsoleClient.Page page = console.get("/console/requests/" + id, officer).assertHtml(200);

    assertEquals(id, page.text("[data-testid=fact-id]"));
    assertEquals("TikTok", page.text("[data-testid=fact-platform]"));
    assertEquals("Retrait", page.text("[data-testid=fact-action]"));
    assertEquals("CANCELLED", page.one("[data-testid=fact-status]").attr("data-status"));
    assertEquals("Annulée", page.text("[data-testid=request-status]"));
    assertEquals(api.get("url"), page.text("[data-testid=fact-url]"));
    assertEquals(api.get("canonicalUrl"), page.text("[data-testid=fact-canonical-url]"));
    assertEquals(api.get("contentId"), page.text("[data-testid=fact-content-id]"));
    assertEquals(submitted.get("partnerRef"), page.text("[data-testid=fact-partner-ref]"));
    assertEquals(api.get("attempts").toString(), page.text("[data-testid=fact-attempts]"));
    // a closed request counts down to nothing; its deadline stays as a date
    assertTrue(page.html().select("[data-testid=due-countdown]").isEmpty());
    assertEquals(
        api.get("dueAt").toString().substring(0, 19) + "Z",
        page.one("[data-testid=fact-due] time").attr("title"));
    assertEquals(
        "/console/cases/" + api.get("caseId"), page.one("[data-testid=case-link]").attr("href"));
    assertEquals(body.get("externalRef"), page.text("[data-testid=case-link]"));
    assertEquals(1, page.html().select("#request-actions").size(), "the actions' place is kept");

    // A poll already on its way when the officer cancelled may still add its "ignored: already
    // CANCELLED" line after the cancel: the page and the API are read until they hold the same
    // lines.
    List<Element> timeline =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  List<Map<String, Object>> history = requests.history(id);
                  List<Element> lines =
                      console
                          .get("/console/requests/" + id, officer)
                          .assertHtml(200)
                          .html()
                          .select("[data-testid=timeline-entry]");
                  return sameLines(history, lines) ? lines : null;
                },
                lines -> lines != null);
    List<Element> byOfficer =
        timeline.stream().filter(line -> line.attr("data-source").equals("officer")).toList();
    assertEquals(1, byOfficer.size(), "one line of the officer's: " + timeline);
    Element cancel = byOfficer.get(0);
    assertEquals("officier", cancel.selectFirst("[data-testid=timeline-source]").text());
    assertEquals("officer-1", cancel.selectFirst("[data-testid=timeline-actor]").text());
    assertTrue(cancel.text().contains("Transmise → Annulée"), cancel.text());
  }

  private static boolean sameLines(List<Map<String, Object>> history, List<Element> timeline) {
    if (history.size() != timeline.size()) {
      return false;
    }
    for (int i = 0; i < history.size(); i++) {
      if (!history.get(i).get("source").equals(timeline.get(i).attr("data-source"))
          || !history.get(i).get("to").equals(timeline.get(i).attr("data-to"))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void showsAReportedUrlAsTextNeverAsALink() {
    String id = requests.submitTakedown(Platform.GOOGLE).toString();

    ConsoleClient.Page page = console.get("/console/requests/" + id, officer).assertHtml(200);

    for (Element link : page.html().select("a[href]")) {
      String href = link.attr("href");
      assertTrue(href.startsWith("/") || href.startsWith("#"), "a link off the console: " + href);
    }
    assertTrue(page.text("[data-testid=fact-url]").startsWith("https://www.youtube.com/"));
  }

  @Test
  void countsDownAnOpenRequestsDeadlineAndAPreservationsEnd() {
    String open = requests.submitTakedown(Platform.META).toString();
    ConsoleClient.Page openPage = console.get("/console/requests/" + open, officer).assertHtml(200);
    Element due = openPage.one("[data-testid=due-countdown]");
    assertTrue(due.text().startsWith("dans 23 h") || due.text().startsWith("dans 1 j"), due.text());
    assertTrue(openPage.html().select("[data-testid=preservation-countdown]").isEmpty());

    String preservation =
        (String) requests.submit(Cases.oneItem(Platform.TIKTOK, "PRESERVATION")).get(0).get("id");
    requests.awaitStatus(preservation, "SUBMITTED");
    TestGateway.simulator(Platform.TIKTOK).preserve(preservation);
    Map<String, Object> completed = requests.awaitStatus(preservation, "COMPLETED");
    assertEquals("PRESERVED", completed.get("outcome"));

    ConsoleClient.Page page =
        console.get("/console/requests/" + preservation, officer).assertHtml(200);
    Element kept = page.one("[data-testid=preservation-countdown]");
    // 90 days from the partner's confirmation; not yet within the 14 days' warning
    assertTrue(kept.text().matches("dans (8\\d|90) j \\d\\d h"), kept.text());
    assertEquals("running", kept.attr("data-countdown-state"));
    assertEquals(Long.toString(14 * 86_400), kept.attr("data-countdown-urgent"));
    assertEquals("Conservé", page.text("[data-testid=fact-outcome]"));
  }

  @Test
  void anUnknownOrMalformedIdIsANotFoundPage() {
    for (String id :
        List.of(UUID.randomUUID().toString(), "not-a-uuid", "%27%22%3E%3Cscript%3E", "1")) {
      ConsoleClient.Page page = console.get("/console/requests/" + id, officer).assertHtml(404);
      assertEquals("404", page.one("[data-testid=error-page]").attr("data-status"));
      assertEquals("Page introuvable", page.text("h1"));
      assertTrue(page.html().select("script:not([src])").isEmpty());
      assertNull(page.html().selectFirst("img"));
      assertFalse(page.body().contains("<script>"), page.body());
    }
  }
}
