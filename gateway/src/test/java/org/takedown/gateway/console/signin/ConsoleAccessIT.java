package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * Who gets into the console and how, with sessions made by the gateway's own {@link
 * ConsoleSessions} and no identity provider configured (the flow itself is ConsoleSignInIT, in
 * gateway/local, against a real provider): a session is the only way in, the API never takes it,
 * the console never takes a bearer token, and a state change needs the session's CSRF token.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAccessIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        new HashMap<>(TestGateway.properties("gateway.dispatch.enabled", "false"));
    properties.putAll(TestConsole.properties());
    properties.put(FormEchoController.ENABLED, "true");
    return properties;
  }

  @BeforeAll
  void client() {
    api = new Api(server.getURL(), json);
  }

  private Api.Answer page(String path, String... headers) {
    return api.send(HttpRequest.newBuilder(server.getURI().resolve(path)).GET(), null, headers);
  }

  private Api.Answer form(String path, String body, String... headers) {
    return api.send(
        HttpRequest.newBuilder(server.getURI().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        null,
        headers);
  }

  @Test
  void anOfficersSessionOpensTheConsole() {
    TestConsole.SignedIn officer = TestConsole.signIn(context, "officer-7", "liaison-officer");
    Api.Answer page = page("/console", "Cookie", officer.cookieHeader());
    assertEquals(200, page.status(), page.body());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertTrue(page.body().contains("officer-7"), page.body());
    assertTrue(page.body().contains("value=\"" + officer.csrfToken() + "\""), page.body());
  }

  @Test
  void thePagesNameTheUserAsTheProviderNamedThemNotByTheirSub() {
    // Keycloak's sub is a UUID; its preferred_username is what an officer knows themselves by
    String sub = "7e6316b2-7dcb-4394-91d4-0dc91ecacb61";
    ConsoleSessions sessions = context.getBean(ConsoleSessions.class);
    String cookie =
        ConsoleSessions.COOKIE
            + "="
            + sessions
                .cookie(sessions.open(sub, "kim.officer", List.of("liaison-officer"), null))
                .getValue();
    Api.Answer page = page("/console", "Cookie", cookie);
    assertEquals(200, page.status(), page.body());
    assertTrue(
        page.body().contains("data-testid=\"signed-in\">Connecté : kim.officer</p>"), page.body());
    assertFalse(page.body().contains(sub), "the sub is an id, not a name to show");

    Api.Answer refused =
        page(
            "/console",
            "Cookie",
            ConsoleSessions.COOKIE
                + "="
                + sessions
                    .cookie(sessions.open(sub, "sam.submitter", List.of("case-submitter"), null))
                    .getValue());
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("Connecté : sam.submitter"), refused.body());
  }

  @Test
  void aSubmittersSessionGetsTheForbiddenPage() {
    TestConsole.SignedIn submitter = TestConsole.signIn(context, "triage", "case-submitter");
    Api.Answer page = page("/console", "Cookie", submitter.cookieHeader());
    assertEquals(403, page.status(), page.body());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertTrue(page.body().contains("Accès refusé"), page.body());
  }

  @Test
  void withoutAProviderSignInIsUnavailableAndNothingIsShown() {
    Api.Answer page = page("/console");
    assertEquals(503, page.status(), page.body());
    assertTrue(page.body().contains("Connexion indisponible"), page.body());
    Api.Answer forged = page("/console", "Cookie", ConsoleSessions.COOKIE + "=forged");
    assertEquals(503, forged.status(), forged.body());
  }

  @Test
  void theConsoleTakesNoBearerTokenAndTheApiNoConsoleCookie() {
    String officerToken = TestTokens.get().officer("officer-7");
    assertNotEquals(200, page("/console", "Authorization", "Bearer " + officerToken).status());

    TestConsole.SignedIn admin = TestConsole.signIn(context, "admin-7", "admin");
    Api.Answer withCookie = api.get("/api/v1/requests", null, "Cookie", admin.cookieHeader());
    assertEquals(401, withCookie.status(), withCookie.body());
    Api.Answer asBearer = api.get("/api/v1/requests", admin.cookie());
    assertEquals(401, asBearer.status(), asBearer.body());
    assertEquals(200, api.get("/api/v1/requests", officerToken).status(), "the API still works");
  }

  @Test
  void aStateChangeNeedsTheSessionsCsrfToken() {
    TestConsole.SignedIn officer = TestConsole.signIn(context, "officer-7", "liaison-officer");
    TestConsole.SignedIn other = TestConsole.signIn(context, "officer-8", "liaison-officer");
    for (String body :
        List.of("", "csrfToken=", "csrfToken=" + other.csrfToken(), "csrfToken=x&csrfToken=x")) {
      Api.Answer refused = form("/console/sign-out", body, "Cookie", officer.cookieHeader());
      assertEquals(403, refused.status(), body + ": " + refused.body());
      assertTrue(refused.body().contains("Action refusée"), refused.body());
      assertTrue(refused.raw().headers().allValues("Set-Cookie").isEmpty(), "nothing changed");
    }
    Api.Answer signedOut =
        form(
            "/console/sign-out",
            "csrfToken=" + officer.csrfToken(),
            "Cookie",
            officer.cookieHeader());
    // no provider to end a session at: straight to the signed-out page
    assertEquals(303, signedOut.status(), signedOut.body());
    assertEquals("/console/signed-out", signedOut.header("Location"));
    String cleared = signedOut.header("Set-Cookie");
    assertTrue(cleared.startsWith(ConsoleSessions.COOKIE + "=;"), cleared);
    assertTrue(cleared.contains("Max-Age=0"), cleared);
    assertEquals(200, page("/console/signed-out").status());
  }

  @Test
  void aFormThatPassesTheCsrfCheckReachesItsControllerWhole() {
    TestConsole.SignedIn officer = TestConsole.signIn(context, "officer-7", "liaison-officer");
    Api.Answer echoed =
        form(
            "/console/test/echo",
            "reason=d%C3%A9lai+%3C%3E&csrfToken=" + officer.csrfToken(),
            "Cookie",
            officer.cookieHeader());
    assertEquals(200, echoed.status(), echoed.body());
    assertEquals("reason=délai <>", echoed.body());
    Api.Answer byHeader =
        form(
            "/console/test/echo",
            "reason=x",
            "Cookie",
            officer.cookieHeader(),
            "X-CSRF-Token",
            officer.csrfToken());
    assertEquals("reason=x", byHeader.body());
  }

  @Test
  void theSignedOutPageAndTheHandOverScriptAreOpenToAll() {
    assertEquals(200, page("/console/signed-out").status());
    Api.Answer script = page("/console/sign-in/end-session.js", "Accept", "*/*");
    assertEquals(200, script.status(), script.body());
    assertFalse(script.body().isBlank());
  }
}
