package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
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
 * French by default, English by choice (a cookie the switch on every page sets); dates in the
 * console's time zone with their UTC instant on hover.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLanguageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  ConsoleClient console;
  Requests requests;
  final String officer = TestTokens.get().officer("officer-1");
  String caseId;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "gateway.console.time-zone", "Asia/Tokyo");
  }

  @BeforeAll
  void oneCase() {
    Api api = new Api(server.getURL(), json);
    console = new ConsoleClient(api);
    requests = new Requests(api);
    caseId = (String) requests.submit(Cases.sample()).get(0).get("caseId");
  }

  @Test
  void speaksFrenchByDefault() {
    ConsoleClient.Page page =
        console.get("/console", officer, "Accept-Language", "en-US,en;q=0.9").assertHtml(200);

    assertEquals("fr", page.one("html").attr("lang"));
    assertEquals("File de travail", page.text("h1"));
    assertEquals("File de travail", page.text("[data-testid=nav-work-queue]"));
    assertEquals("page", page.one("[data-testid=nav-work-queue]").attr("aria-current"));
    assertEquals("true", page.one("[data-testid=language-fr]").attr("aria-pressed"));
  }

  @Test
  void speaksEnglishWhenChosen() {
    ConsoleClient.Page queue = console.getIn(Language.EN, "/console", officer).assertHtml(200);
    assertEquals("en", queue.one("html").attr("lang"));
    assertEquals("Work queue", queue.text("h1"));
    assertEquals("true", queue.one("[data-testid=language-en]").attr("aria-pressed"));

    ConsoleClient.Page kase =
        console.getIn(Language.EN, "/console/cases/" + caseId, officer).assertHtml(200);
    assertTrue(kase.text("[data-testid=non-disclosure]").startsWith("Non-disclosure."));
    assertEquals("Sextortion", kase.text("[data-testid=fact-category]"));
  }

  @Test
  void theSwitchKeepsTheChoiceAndComesBackToThePage() {
    String back = "/console/cases/" + caseId + "?from=queue";
    ConsoleClient.Page answer =
        console.postForm(
            "/console/language",
            officer,
            "lang=en&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8));

    assertEquals(303, answer.status(), answer.body());
    assertEquals(back, answer.header("Location"));
    String cookie = answer.header("Set-Cookie");
    assertTrue(cookie.startsWith(Language.COOKIE + "=en"), cookie);
    assertTrue(cookie.contains("Path=/console"), cookie);
    assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);

    // every page's switch sends back to that page
    ConsoleClient.Page page = console.get(back, officer).assertHtml(200);
    Element form = page.one("form[data-testid=language-switch]");
    assertEquals("post", form.attr("method"));
    assertEquals("/console/language", form.attr("action"));
    assertEquals(back, form.selectFirst("input[name=back]").val());
  }

  @Test
  void theSwitchSendsNowhereOutsideTheConsole() {
    for (String back :
        List.of(
            "https://evil.example/",
            "//evil.example/console",
            "/\\evil.example",
            "/consolex",
            "/api/v1/requests",
            "/console/../api/v1/requests",
            "/console/%2e%2e/api/v1/requests")) {
      ConsoleClient.Page answer =
          console.postForm(
              "/console/language",
              officer,
              "lang=en&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8));

      assertEquals(303, answer.status(), back);
      assertEquals("/console", answer.header("Location"), back);
    }
    ConsoleClient.Page unknown = console.postForm("/console/language", officer, "lang=xx");
    assertEquals(303, unknown.status());
    assertNull(unknown.header("Set-Cookie"), "an unknown language changes nothing");
  }

  @Test
  void showsDatesInTheConsoleTimeZoneWithTheUtcInstantOnHover() {
    ConsoleClient.Page page = console.get("/console/cases/" + caseId, officer).assertHtml(200);

    Element created = page.one("[data-testid=fact-created] time");
    Instant at = Instant.parse(created.attr("datetime"));
    assertEquals(created.attr("datetime"), created.attr("title"));
    assertTrue(created.attr("title").endsWith("Z"));
    assertEquals(
        DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(at.atZone(ZoneId.of("Asia/Tokyo"))),
        created.text());
    assertTrue(page.text("footer").contains("Asia/Tokyo"));
  }
}
