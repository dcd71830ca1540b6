package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * Who may read the console, and what every console answer tells the browser: liaison officers and
 * admins read it; anyone else gets a 403 page that shows nothing; every answer, pages and errors
 * alike, carries the console's security headers and holds no inline script, style or handler.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAccessIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");
  final String admin = TestTokens.get().admin("admin-1");
  final String submitter = TestTokens.get().submitter("e-blagh-triage");
  String externalRef;
  String caseId;
  String requestId;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void oneCase() {
    api = new Api(server.getURL(), json);
    console = new ConsoleClient(api);
    externalRef = "EIB-ACCESS-" + UUID.randomUUID();
    List<Map<String, Object>> created = new Requests(api).submit(Cases.sample(externalRef));
    caseId = (String) created.get(0).get("caseId");
    requestId = (String) created.get(0).get("id");
  }

  private List<String> pages() {
    return List.of(
        "/console",
        "/console/fragments/work-queue",
        "/console/requests/" + requestId,
        "/console/cases/" + caseId);
  }

  @Test
  void liaisonOfficersAndAdminsReadEveryPage() {
    for (String token : List.of(officer, admin)) {
      for (String path : pages()) {
        ConsoleClient.Page page = console.get(path, token).assertHtml(200);
        assertTrue(page.body().contains(externalRef), path);
      }
    }
  }

  @Test
  void answersHtmlToWhateverABrowserHtmxOrAToolAccepts() {
    for (String accept : List.of("text/html", "*/*", "text/html, */*", "")) {
      for (String path : pages()) {
        Api.Answer answer =
            accept.isEmpty()
                ? api.get(path, null, "Cookie", TestConsole.cookieFor(officer))
                : api.get(path, null, "Accept", accept, "Cookie", TestConsole.cookieFor(officer));
        assertEquals(200, answer.status(), accept + " " + path + ": " + answer.body());
        assertTrue(answer.header("Content-Type").startsWith("text/html"), accept + " " + path);
      }
    }
    assertEquals(
        403,
        api.get("/console", null, "Accept", "text/html", "Cookie", TestConsole.cookieFor(submitter))
            .status());
  }

  @Test
  void aSubmitterGetsTheForbiddenPageAndNothingElse() {
    // the submitter owns this case: the API would show it to them, the console does not
    for (String path : pages()) {
      ConsoleClient.Page page = console.get(path, submitter).assertHtml(403);

      assertEquals("403", page.one("[data-testid=error-page]").attr("data-status"), path);
      assertEquals("Accès refusé", page.text("h1"));
      assertTrue(page.html().select("nav").isEmpty(), "no way further in: " + path);
      // the language switch names the page asked for; nothing else on it comes from the case
      page.html().select("input[name=back]").remove();
      assertFalse(page.html().html().contains(externalRef), path);
      assertFalse(page.html().html().contains(requestId), path);
      assertFalse(page.html().html().contains("tiktok.com"), path);
    }
  }

  @Test
  void withoutSignInTheConsoleShowsNothing() {
    for (String path : pages()) {
      ConsoleClient.Page page = console.get(path, null);

      assertNotEquals(200, page.status(), path);
      assertFalse(page.body().contains(externalRef), path);
    }
  }

  @Test
  void everyConsoleAnswerCarriesTheSecurityHeaders() {
    List<ConsoleClient.Page> answers =
        List.of(
            console.get("/console", officer),
            console.get("/console/fragments/work-queue", officer),
            console.get("/console/requests/" + requestId, officer),
            console.get("/console/cases/" + caseId, officer),
            console.get("/console/requests/" + UUID.randomUUID(), officer),
            console.get("/console/no-such-page", officer),
            console.get("/console", submitter),
            console.get("/console/requests/" + requestId, submitter),
            console.postForm("/console/language", officer, "lang=en&back=/console"));
    for (ConsoleClient.Page answer : answers) {
      String csp = answer.header("Content-Security-Policy");
      assertEquals(ConsoleHeaders.CONTENT_SECURITY_POLICY, csp, answer.body());
      for (String directive :
          List.of(
              "script-src 'self'",
              "style-src 'self'",
              "frame-ancestors 'none'",
              "form-action 'self'",
              "base-uri 'none'",
              "object-src 'none'")) {
        assertTrue(csp.contains(directive), directive);
      }
      assertFalse(csp.contains("unsafe-inline"));
      assertEquals("DENY", answer.header("X-Frame-Options"));
      assertEquals("same-origin", answer.header("Referrer-Policy"));
      assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }
    assertEquals("no-store", answers.get(0).header("Cache-Control"), "pages are not stored");
  }

  @Test
  void noPageHoldsInlineScriptStyleOrEventHandler() {
    List<ConsoleClient.Page> answers =
        List.of(
            console.get("/console", officer),
            console.get("/console/fragments/work-queue", officer),
            console.get("/console/requests/" + requestId, officer),
            console.get("/console/cases/" + caseId, officer),
            console.get("/console/no-such-page", officer),
            console.get("/console", submitter));
    for (ConsoleClient.Page answer : answers) {
      assertTrue(answer.html().select("script:not([src])").isEmpty(), answer.body());
      assertTrue(answer.html().select("style, [style]").isEmpty(), answer.body());
      for (Element element : answer.html().getAllElements()) {
        for (Attribute attribute : element.attributes()) {
          assertFalse(
              attribute.getKey().toLowerCase().startsWith("on"),
              "handler in " + element.outerHtml());
        }
      }
      for (Element script : answer.html().select("script[src]")) {
        assertTrue(script.attr("src").startsWith("/console/assets/"), script.outerHtml());
      }
    }
  }

  @Test
  void everyControlIsLabelledAndEveryTableHasHeaders() {
    for (String path : pages()) {
      ConsoleClient.Page page = console.get(path, officer).assertHtml(200);
      for (Element button : page.html().select("button")) {
        assertFalse(button.text().isBlank() && button.attr("aria-label").isBlank(), path);
      }
      for (Element input : page.html().select("input:not([type=hidden]), select, textarea")) {
        assertFalse(
            page.html().select("label[for=" + input.id() + "]").isEmpty()
                && input.attr("aria-label").isBlank(),
            "unlabelled " + input.outerHtml());
      }
      for (Element table : page.html().select("table")) {
        assertFalse(table.select("thead th[scope=col]").isEmpty(), path);
      }
    }
  }

  @Test
  void theApiStillAnswersProblemsToABrowser() {
    Api.Answer forbidden =
        api.get("/api/v1/requests", submitter, "Accept", ConsoleClient.BROWSER_ACCEPT);
    assertEquals(403, forbidden.status(), "a refusal, not a redirect");
    assertTrue(forbidden.header("Content-Type").startsWith("application/problem+json"));
    Api.Answer missing =
        api.get(
            "/api/v1/requests/" + UUID.randomUUID(),
            officer,
            "Accept",
            ConsoleClient.BROWSER_ACCEPT);
    assertEquals(404, missing.status());
    assertTrue(missing.header("Content-Type").startsWith("application/problem+json"));
    assertNull(missing.header("Content-Security-Policy"), "the console's headers are its own");
  }
}
