package org.takedown.gateway.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.startup.GatewayLauncher;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;

/**
 * The console's sign-in over real HTTP, as a browser goes through it: the gateway (production mode,
 * its console pointed at a real OpenID Connect provider: the development one, on its own port), the
 * authorization code flow with PKCE, the session cookie, the 403 page, sign-out with the provider's
 * session ended, CSRF, and the API that a console cookie never opens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignInIT {

  private static final String CLIENT_ID = "takedown-console";
  private static final String CLIENT_SECRET = "console-client-secret-for-tests";

  @TempDir static Path dir;
  DevSigningKey providerKey;
  DevIdentityProvider provider;
  EmbeddedServer gateway;

  @BeforeAll
  void start() {
    providerKey = DevSigningKey.loadOrCreate(dir.resolve("oidc"));
    provider = DevIdentityProvider.start(0, providerKey, CLIENT_ID, CLIENT_SECRET);
    gateway = startGateway("roles");
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.getApplicationContext().close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  private EmbeddedServer startGateway(String rolesClaim, String... overrides) {
    Map<String, Object> properties = new HashMap<>(TestGateway.properties());
    properties.putAll(TestConsole.properties());
    properties.put("gateway.dispatch.enabled", "false");
    properties.put("gateway.polling.enabled", "false");
    properties.put("gateway.console.oidc.issuer", provider.issuer());
    properties.put("gateway.console.oidc.client-id", CLIENT_ID);
    properties.put("gateway.console.oidc.client-secret", CLIENT_SECRET);
    properties.put("gateway.console.oidc.roles-claim", rolesClaim);
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      properties.put(overrides[i], overrides[i + 1]);
    }
    return ApplicationContext.run(EmbeddedServer.class, properties);
  }

  private static URI at(EmbeddedServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  /** The flow up to the provider's page: the answer of GET {authorize}, with its request URI. */
  private HttpResponse<String> toTheProvider(Browser browser, EmbeddedServer server, String page) {
    HttpResponse<String> asked = browser.get(at(server, page));
    assertEquals(303, asked.statusCode(), asked.body());
    HttpResponse<String> signIn = browser.get(Browser.location(asked));
    assertTrue(signIn.statusCode() == 302 || signIn.statusCode() == 303, signIn.body());
    HttpResponse<String> picker = browser.get(Browser.location(signIn));
    assertEquals(200, picker.statusCode(), picker.body());
    return picker;
  }

  /** Picks {@code identity} on the provider's page: the answer is the redirect to the callback. */
  private static HttpResponse<String> pick(
      Browser browser, HttpResponse<String> picker, String identity) {
    Browser.Form form = Browser.form(picker.body());
    Map<String, String> fields = new LinkedHashMap<>(form.fields());
    fields.put("identity", identity);
    HttpResponse<String> picked = browser.post(picker.uri().resolve(form.action()), fields);
    assertEquals(303, picked.statusCode(), picked.body());
    return picked;
  }

  /** Signs {@code identity} in from {@code page}: the answer of the callback. */
  private HttpResponse<String> signIn(
      Browser browser, EmbeddedServer server, String page, String identity) {
    return browser.get(
        Browser.location(pick(browser, toTheProvider(browser, server, page), identity)));
  }

  @Test
  void signsAnOfficerInThroughTheCodeFlowWithPkceAndLandsOnThePageAskedFor() {
    Browser browser = new Browser();
    HttpResponse<String> asked = browser.get(at(gateway, "/console?view=overdue"));
    assertEquals(303, asked.statusCode());
    assertEquals("/console/sign-in/oidc", asked.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> signIn = browser.get(Browser.location(asked));
    URI authorize = Browser.location(signIn);
    assertTrue(
        authorize.toString().startsWith(provider.issuer() + "/authorize"), authorize.toString());
    Map<String, String> request = Browser.query(authorize);
    assertEquals("code", request.get("response_type"));
    assertEquals(CLIENT_ID, request.get("client_id"));
    assertEquals("S256", request.get("code_challenge_method"));
    assertNotNull(request.get("code_challenge"));
    assertNotNull(request.get("state"));
    assertNotNull(request.get("nonce"));
    assertEquals(
        "http://127.0.0.1:" + gateway.getPort() + "/console/sign-in/oidc/callback",
        request.get("redirect_uri"));

    HttpResponse<String> picker = browser.get(authorize);
    assertTrue(picker.body().contains("officer-1"), picker.body());
    HttpResponse<String> callback =
        browser.get(Browser.location(pick(browser, picker, "officer-1")));
    assertEquals(303, callback.statusCode(), callback.body());
    assertEquals("/console?view=overdue", callback.headers().firstValue("Location").orElseThrow());

    String session = Browser.setCookie(callback, "takedown_console");
    assertNotNull(session, callback.headers().map().toString());
    assertTrue(session.toLowerCase().contains("; httponly"), session);
    assertTrue(session.contains("; SameSite=Lax"), session);
    assertTrue(session.contains("; Path=/console"), session);
    assertFalse(session.contains("Secure"), "secure-cookie is false in this test: " + session);
    long maxAge = Long.parseLong(session.replaceAll(".*Max-Age=(\\d+).*", "$1"));
    assertTrue(maxAge > 28_000 && maxAge <= 28_800, "a session lasts 8 h by default: " + session);

    HttpResponse<String> queue = browser.follow(callback);
    assertEquals(200, queue.statusCode(), queue.body());
    assertTrue(queue.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(queue.body().contains("officer-1"), queue.body());
    assertTrue(queue.body().contains("action=\"/console/sign-out\""), "a sign-out button");
  }

  @Test
  void signsInWithAProviderThatCameUpAfterTheGateway() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + port;
    // nothing listens at the issuer yet: the gateway starts without the discovery document
    EmbeddedServer early = startGateway("roles", "gateway.console.oidc.issuer", issuer);
    try (DevIdentityProvider late =
        DevIdentityProvider.start(port, providerKey, CLIENT_ID, CLIENT_SECRET)) {
      assertEquals(issuer, late.issuer(), "another process took the port in between");
      Browser browser = new Browser();
      HttpResponse<String> callback = signIn(browser, early, "/console", "officer-1");
      assertEquals(303, callback.statusCode(), callback.body());
      assertNotNull(Browser.setCookie(callback, "takedown_console"), callback.body());
      HttpResponse<String> queue = browser.follow(callback);
      assertEquals(200, queue.statusCode(), queue.body());
      assertTrue(queue.body().contains("officer-1"), queue.body());
    } finally {
      early.getApplicationContext().close();
    }
  }

  @Test
  void theConsolesCookiesAreSecureUnlessTheOperatorSaysOtherwise() {
    EmbeddedServer secure = startGateway("roles", "gateway.console.session.secure-cookie", "true");
    try {
      // as behind a TLS-terminating proxy: the browser speaks https, the gateway sees http
      Browser browser = new Browser(true);
      HttpResponse<String> signIn =
          browser.get(Browser.location(browser.get(at(secure, "/console"))));
      for (String flowCookie : List.of("OAUTH2_STATE", "OPENID_NONCE", "OAUTH2_PKCE")) {
        String header = Browser.setCookie(signIn, flowCookie);
        assertNotNull(header, flowCookie + " in " + signIn.headers().map());
        assertTrue(header.contains("Secure"), header);
        assertTrue(header.contains("Path=/console/sign-in"), header);
      }
      HttpResponse<String> picker = browser.get(Browser.location(signIn));
      HttpResponse<String> callback =
          browser.get(Browser.location(pick(browser, picker, "officer-1")));
      assertEquals(303, callback.statusCode(), callback.body());
      String session = Browser.setCookie(callback, "takedown_console");
      assertTrue(session.contains("; Secure"), session);
      assertTrue(session.toLowerCase().contains("; httponly"), session);
      assertTrue(session.contains("; SameSite=Lax"), session);
    } finally {
      secure.getApplicationContext().close();
    }
  }

  @Test
  void aSubmitterGetsTheForbiddenPageAndNoData() {
    Browser browser = new Browser();
    HttpResponse<String> page =
        browser.follow(signIn(browser, gateway, "/console", "e-blagh-triage"));
    assertEquals(403, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(page.body().contains("Accès refusé"), page.body());
    assertTrue(page.body().contains("e-blagh-triage"), page.body());
    assertFalse(page.body().contains("<nav"), "no way further in: " + page.body());
    // the way out: a sign-out form, so that someone else can sign in
    Browser.Form signOut = Browser.form(page.body(), "/console/sign-out");
    assertEquals(200, browser.post(at(gateway, signOut.action()), signOut.fields()).statusCode());

    HttpResponse<String> other = browser.get(at(gateway, "/console"));
    assertEquals(303, other.statusCode(), "signed out: " + other.body());
  }

  @Test
  void aCallbackWithAnotherStateIsRefusedAndOpensNoSession() {
    Browser browser = new Browser();
    URI callback =
        Browser.location(pick(browser, toTheProvider(browser, gateway, "/console"), "officer-1"));
    Map<String, String> parameters = Browser.query(callback);
    parameters.put("state", parameters.get("state") + "x");
    URI forged =
        URI.create(
            callback.getScheme()
                + "://"
                + callback.getRawAuthority()
                + callback.getRawPath()
                + "?"
                + Browser.encode(parameters));
    HttpResponse<String> refused = browser.get(forged);
    assertEquals(401, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("La connexion a échoué"), refused.body());
    assertNull(Browser.setCookie(refused, "takedown_console"));
    assertEquals(303, browser.get(at(gateway, "/console")).statusCode(), "still signed out");
  }

  @Test
  void aReplayedCodeIsRefused() {
    Browser browser = new Browser();
    URI callback =
        Browser.location(pick(browser, toTheProvider(browser, gateway, "/console"), "officer-1"));
    // an eavesdropper's copy of everything the callback carries: its URL and the flow's cookies
    Browser replayer = new Browser();
    for (HttpCookie cookie : browser.cookies.getCookieStore().getCookies()) {
      replayer.cookies.getCookieStore().add(callback, (HttpCookie) cookie.clone());
    }
    HttpResponse<String> first = browser.get(callback);
    assertEquals(303, first.statusCode(), first.body());

    HttpResponse<String> replay = replayer.get(callback);
    assertTrue(
        replay.statusCode() >= 400 && replay.statusCode() < 500,
        replay.statusCode() + " " + replay.body());
    assertTrue(replay.body().contains("La connexion a échoué"), replay.body());
    assertNull(Browser.setCookie(replay, "takedown_console"));
  }

  @Test
  void theProviderRedeemsACodeOnceAndOnlyWithItsPkceVerifier() throws Exception {
    // the provider side alone: the gateway is not the only client a code could reach
    Browser browser = new Browser();
    String verifier = "v".repeat(50);
    Map<String, String> authorization = new LinkedHashMap<>();
    authorization.put("response_type", "code");
    authorization.put("client_id", CLIENT_ID);
    authorization.put("redirect_uri", "http://127.0.0.1:1/callback");
    authorization.put("scope", "openid");
    authorization.put("state", "s");
    authorization.put("nonce", "n");
    authorization.put("code_challenge", DevIdentityProvider.s256(verifier));
    authorization.put("code_challenge_method", "S256");
    authorization.put("identity", "officer-1");
    URI issued =
        Browser.location(browser.post(URI.create(provider.issuer() + "/authorize"), authorization));
    String code = Browser.query(issued).get("code");

    Map<String, String> exchange = new LinkedHashMap<>();
    exchange.put("grant_type", "authorization_code");
    exchange.put("code", code);
    exchange.put("redirect_uri", "http://127.0.0.1:1/callback");
    exchange.put("client_id", CLIENT_ID);
    exchange.put("client_secret", CLIENT_SECRET);
    exchange.put("code_verifier", "w".repeat(50));
    URI token = URI.create(provider.issuer() + "/token");
    HttpResponse<String> wrongVerifier = browser.post(token, exchange);
    assertEquals(400, wrongVerifier.statusCode(), wrongVerifier.body());
    assertTrue(wrongVerifier.body().contains("invalid_grant"), wrongVerifier.body());

    // the refused attempt spent the code: a code is tried once, whatever the outcome
    exchange.put("code_verifier", verifier);
    HttpResponse<String> afterRefusal = browser.post(token, exchange);
    assertEquals(400, afterRefusal.statusCode(), afterRefusal.body());

    URI again =
        Browser.location(browser.post(URI.create(provider.issuer() + "/authorize"), authorization));
    exchange.put("code", Browser.query(again).get("code"));
    exchange.put("client_secret", "wrong");
    assertEquals(401, browser.post(token, exchange).statusCode());
  }

  @Test
  void signOutClearsTheSessionAndEndsTheProvidersSession() {
    Browser browser = new Browser();
    HttpResponse<String> queue = browser.follow(signIn(browser, gateway, "/console", "admin-1"));
    assertEquals(200, queue.statusCode(), queue.body());
    assertTrue(provider.signedIn().contains("admin-1"));
    Browser.Form signOutForm = Browser.form(queue.body(), "/console/sign-out");
    assertEquals("/console/sign-out", signOutForm.action());

    HttpResponse<String> signedOut =
        browser.post(at(gateway, signOutForm.action()), signOutForm.fields());
    assertEquals(200, signedOut.statusCode(), signedOut.body());
    String cleared = Browser.setCookie(signedOut, "takedown_console");
    assertNotNull(cleared, signedOut.headers().map().toString());
    assertTrue(cleared.contains("Max-Age=0"), cleared);
    // the hand-over to the provider: a form POST, so that the ID token is in no URL
    Browser.Form endSession = Browser.form(signedOut.body());
    assertEquals(provider.issuer() + "/end-session", endSession.action());
    assertNotNull(endSession.fields().get("id_token_hint"));
    assertEquals(CLIENT_ID, endSession.fields().get("client_id"));
    String back = "http://127.0.0.1:" + gateway.getPort() + "/console/signed-out";
    assertEquals(back, endSession.fields().get("post_logout_redirect_uri"));
    assertTrue(signedOut.body().contains("src=\"/console/sign-in/end-session.js\""));
    HttpResponse<String> script =
        browser.get(at(gateway, "/console/sign-in/end-session.js"), "Accept", "*/*");
    assertEquals(200, script.statusCode());
    assertTrue(script.body().contains("end-session"), script.body());

    HttpResponse<String> ended = browser.post(URI.create(endSession.action()), endSession.fields());
    assertEquals(303, ended.statusCode(), ended.body());
    assertEquals(back, Browser.location(ended).toString());
    assertFalse(provider.signedIn().contains("admin-1"), provider.signedIn().toString());
    HttpResponse<String> landing = browser.follow(ended);
    assertEquals(200, landing.statusCode());
    assertTrue(landing.body().contains("Vous êtes déconnecté"), landing.body());

    HttpResponse<String> afterwards = browser.get(at(gateway, "/console"));
    assertEquals(303, afterwards.statusCode(), "signed out: the console asks to sign in again");
    // and the provider asks who signs in, instead of carrying on with the ended session
    HttpResponse<String> picker =
        browser.get(Browser.location(browser.get(Browser.location(afterwards))));
    assertFalse(picker.body().contains("provider-session"), picker.body());
  }

  @Test
  void aPostWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
    Browser browser = new Browser();
    HttpResponse<String> queue = browser.follow(signIn(browser, gateway, "/console", "officer-1"));
    Browser.Form form = Browser.form(queue.body(), "/console/sign-out");
    String token = form.fields().get("csrfToken");
    assertNotNull(token, queue.body());

    List<HttpResponse<String>> refused =
        List.of(
            browser.post(at(gateway, "/console/sign-out"), Map.of()),
            browser.post(at(gateway, "/console/sign-out"), Map.of("csrfToken", token + "x")),
            browser.postRaw(at(gateway, "/console/sign-out"), "text/plain", "csrfToken=" + token),
            browser.postRaw(
                at(gateway, "/console/sign-out"),
                "application/json",
                "{\"csrfToken\":\"" + token + "\"}"),
            browser.post(
                at(gateway, "/console/sign-out"), Map.of(), "X-CSRF-Token", "not-" + token));
    for (HttpResponse<String> answer : refused) {
      assertEquals(403, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("Action refusée"), answer.body());
      assertNull(Browser.setCookie(answer, "takedown_console"), "the session is not touched");
    }
    assertEquals(200, browser.get(at(gateway, "/console")).statusCode(), "still signed in");

    // the header works as well as the field (htmx requests)
    HttpResponse<String> byHeader =
        browser.post(at(gateway, "/console/sign-out"), Map.of(), "X-CSRF-Token", token);
    assertEquals(200, byHeader.statusCode(), byHeader.body());
  }

  @Test
  void theConsoleCookieNeverAuthenticatesTheApi() throws Exception {
    Browser browser = new Browser();
    browser.follow(signIn(browser, gateway, "/console", "admin-1"));
    String session = browser.cookie(at(gateway, "/console"), "takedown_console");
    assertNotNull(session);

    HttpResponse<String> withCookie =
        browser.get(
            at(gateway, "/api/v1/requests"),
            "Accept",
            "application/json",
            "Cookie",
            "takedown_console=" + session);
    assertEquals(401, withCookie.statusCode(), withCookie.body());
    HttpResponse<String> asBearer =
        browser.get(
            at(gateway, "/api/v1/requests"),
            "Accept",
            "application/json",
            "Authorization",
            "Bearer " + session);
    assertEquals(401, asBearer.statusCode(), asBearer.body());

    // an ID token of the console's provider, valid in every way, is not an API token either
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(provider.issuer())
            .subject("admin-1")
            .audience(List.of(CLIENT_ID, "takedown-gateway"))
            .claim("roles", List.of("admin"))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .build();
    HttpResponse<String> idToken =
        browser.get(
            at(gateway, "/api/v1/requests"),
            "Accept",
            "application/json",
            "Authorization",
            "Bearer " + providerKey.sign(claims));
    assertEquals(401, idToken.statusCode(), idToken.body());

    // and a CSRF-less POST to the API with the cookie changes nothing
    HttpResponse<String> post =
        browser.postRaw(
            at(gateway, "/api/v1/cases"),
            "application/json",
            "{}",
            "Accept",
            "application/json",
            "Cookie",
            "takedown_console=" + session);
    assertEquals(401, post.statusCode(), post.body());
  }

  @Test
  void rolesComeFromADottedClaimPath() {
    EmbeddedServer keycloakShaped = startGateway("realm_access.roles");
    EmbeddedServer elsewhere = startGateway("resource_access.console.roles");
    try {
      Browser browser = new Browser();
      HttpResponse<String> queue =
          browser.follow(signIn(browser, keycloakShaped, "/console", "officer-1"));
      assertEquals(200, queue.statusCode(), queue.body());
      assertTrue(queue.body().contains("officer-1"), queue.body());

      // the same officer, roles looked for where the provider puts none: no role, no console
      Browser other = new Browser();
      HttpResponse<String> refused =
          other.follow(signIn(other, elsewhere, "/console", "officer-1"));
      assertEquals(403, refused.statusCode(), refused.body());
    } finally {
      keycloakShaped.getApplicationContext().close();
      elsewhere.getApplicationContext().close();
    }
  }

  @Test
  void anHtmxRequestWithoutASessionIsToldWhereToSignIn() {
    HttpResponse<String> answer =
        new Browser().get(at(gateway, "/console/fragments/work-queue"), "HX-Request", "true");
    assertEquals(401, answer.statusCode());
    assertEquals("/console/sign-in/oidc", answer.headers().firstValue("HX-Redirect").orElse(null));
  }

  @Test
  void theLocalRunSignsTheDevelopmentOfficerIn(@TempDir Path dataDir) {
    String[] args = {
      "--micronaut.server.port=-1",
      "--gateway.local.data-dir=" + dataDir,
      "--gateway.local.sandbox-base-port=0",
      "--gateway.local.issuer-port=0",
      "--gateway.dispatch.enabled=false",
      "--gateway.polling.enabled=false"
    };
    try (GatewayLauncher.Launched launched =
        GatewayLauncher.launch(args, Optional.of(LocalServices.standIns()))) {
      EmbeddedServer local = launched.context().getBean(EmbeddedServer.class);
      assertTrue(
          launched.standIns().descriptions().get("console-issuer").contains("officer-1"),
          launched.standIns().descriptions().toString());
      Browser browser = new Browser();
      HttpResponse<String> queue = browser.follow(signIn(browser, local, "/console", "officer-1"));
      assertEquals(200, queue.statusCode(), queue.body());
      assertTrue(queue.body().contains("officer-1"), queue.body());
    }
  }
}
