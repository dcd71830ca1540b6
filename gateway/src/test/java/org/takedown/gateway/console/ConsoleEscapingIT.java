package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * Everything a submitter or a partner wrote reaches the page as text: script and markup in a case's
 * fields, in a URL's path and in the words of a partner's update are shown, never run or parsed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleEscapingIT implements TestPropertyProvider {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";
  static final String QUOTE_BREAKOUT = "x' onmouseover='alert(1)";
  static final String PARTNER_WORDS = "review: " + SCRIPT + " " + BREAKOUT;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  Requests requests;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");
  Map<String, Object> body;
  String caseId;
  Map<String, Object> reviewed;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void hostileCase() {
    Api api = new Api(server.getURL(), json);
    requests = new Requests(api);
    console = new ConsoleClient(api);
    body = Cases.sample(SCRIPT + " " + System.nanoTime());
    Map<String, Object> legal = new LinkedHashMap<>();
    legal.put("law", BREAKOUT);
    legal.put("article", SCRIPT);
    legal.put("authorizationRef", QUOTE_BREAKOUT + BREAKOUT);
    body.put("legalBasis", legal);
    Map<String, Object> requester = new LinkedHashMap<>();
    requester.put("name", SCRIPT);
    requester.put("email", "liaison@bnpj.test");
    requester.put("unit", BREAKOUT);
    body.put("requestedBy", requester);
    // the characters a URL may not hold raw arrive percent-encoded; a quote may be raw
    String url =
        "https://www.facebook.com/"
            + "%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/posts/x'onmouseover='alert(1)";
    body.put("items", new ArrayList<>(List.of(Cases.item(url, "TAKEDOWN"))));
    Map<String, Object> created = requests.submit(body).get(0);
    caseId = (String) created.get("caseId");
    Map<String, Object> submitted = requests.awaitStatus(created.get("id"), "SUBMITTED");
    // a partner's words, as an adapter hands them over with an update
    apply.apply(
        Platform.META,
        new PartnerUpdate(
            PartnerRef.of((String) submitted.get("partnerRef")),
            PartnerState.IN_REVIEW,
            null,
            null,
            Instant.now(),
            PARTNER_WORDS),
        HistorySource.PARTNER_CALLBACK);
    reviewed = requests.awaitStatus(created.get("id"), "IN_REVIEW");
  }

  private List<ConsoleClient.Page> pages() {
    return List.of(
        console.get("/console/cases/" + caseId, officer).assertHtml(200),
        console.get("/console/requests/" + reviewed.get("id"), officer).assertHtml(200),
        console.get("/console", officer).assertHtml(200));
  }

  @Test
  void aCasesFieldsAreShownAsTheSubmitterWroteThem() {
    ConsoleClient.Page page = console.get("/console/cases/" + caseId, officer).assertHtml(200);

    assertEquals(body.get("externalRef"), page.text("[data-testid=fact-external-ref]"));
    assertEquals(BREAKOUT, page.text("[data-testid=fact-law]"));
    assertEquals(SCRIPT, page.text("[data-testid=fact-article]"));
    assertEquals(QUOTE_BREAKOUT + BREAKOUT, page.text("[data-testid=fact-authorization]"));
    assertEquals(SCRIPT, page.text("[data-testid=fact-requester-name]"));
    assertEquals(BREAKOUT, page.text("[data-testid=fact-requester-unit]"));
    assertTrue(page.html().title().contains(SCRIPT), "the title holds it as text");
  }

  @Test
  void aUrlAndAPartnersWordsAreShownAsText() {
    ConsoleClient.Page page =
        console.get("/console/requests/" + reviewed.get("id"), officer).assertHtml(200);

    assertEquals(reviewed.get("url"), page.text("[data-testid=fact-url]"));
    assertEquals(reviewed.get("canonicalUrl"), page.text("[data-testid=fact-canonical-url]"));
    assertTrue(((String) reviewed.get("url")).contains("%3Cimg"), "the URL kept its path");
    List<String> details = page.html().select("[data-testid=timeline-detail]").eachText();
    assertTrue(details.contains(PARTNER_WORDS), details.toString());
    assertEquals(body.get("externalRef"), page.text("[data-testid=case-link]"));
  }

  @Test
  void theWorkQueueShowsThemAsTextToo() {
    Map<String, Object> open = Cases.oneItem(Platform.TIKTOK, "TAKEDOWN");
    open.put("externalRef", BREAKOUT + " " + System.nanoTime());
    String id = (String) requests.submit(open).get(0).get("id");

    ConsoleClient.Page page = console.get("/console", officer).assertHtml(200);

    Element row = page.one("[data-testid=queue-row][data-request-id=" + id + "]");
    assertEquals(open.get("externalRef"), row.selectFirst("[data-testid=case-link]").text());
    assertTrue(page.html().select("img").isEmpty(), page.body());
    assertFalse(page.body().contains("<img"), "raw in the HTML");
  }

  @Test
  void noHostileTextBecomesMarkup() {
    for (ConsoleClient.Page page : pages()) {
      assertTrue(page.html().select("img").isEmpty(), page.body());
      for (Element script : page.html().select("script")) {
        assertTrue(script.attr("src").startsWith("/console/assets/"), script.outerHtml());
      }
      for (Element element : page.html().getAllElements()) {
        for (Attribute attribute : element.attributes()) {
          assertFalse(
              attribute.getKey().toLowerCase().startsWith("on"),
              "handler in " + element.outerHtml());
        }
      }
      assertFalse(page.body().contains(SCRIPT), "raw in the HTML");
      assertFalse(page.body().contains("<img"), "raw in the HTML");
    }
  }
}
