package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.testing.MutableClock;

/**
 * Issue #17: a gateway started while its console's identity provider could not be reached signs
 * officers in once the provider is up, with no restart. The provider here does the protocol's
 * provider side and nothing more (discovery, keys, a token endpoint that issues the ID token for
 * the nonce the gateway sent); the same journey against the development provider, with its identity
 * picker, is ConsoleSignInIT in gateway/local.
 */
class LateProviderIT {

  private static final String CLIENT_ID = "takedown-console";
  private static final String CLIENT_SECRET = "console-client-secret-for-tests";

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A gateway whose console signs in at {@code issuer}; {@code more} are key, value pairs. */
  private static EmbeddedServer gatewayWithProviderAt(String issuer, String... more) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "gateway.dispatch.enabled", "false",
                "gateway.console.oidc.issuer", issuer,
                "gateway.console.oidc.client-id", CLIENT_ID,
                "gateway.console.oidc.client-secret", CLIENT_SECRET));
    properties.addAll(List.of(more));
    return ApplicationContext.run(
        EmbeddedServer.class,
        new HashMap<>(TestGateway.properties(properties.toArray(String[]::new))));
  }

  @Test
  void signsAnOfficerInWithAProviderThatCameUpAfterTheGateway() throws Exception {
    int port = freePort();
    String issuer = "http://127.0.0.1:" + port;
    // nothing listens at the issuer yet: the gateway starts without the discovery document
    EmbeddedServer gateway = gatewayWithProviderAt(issuer);
    RSAKey key = new RSAKeyGenerator(2048).keyID("late-provider").generate();
    AtomicReference<String> nonce = new AtomicReference<>();
    HttpServer provider = provider(port, key, nonce, new AtomicInteger());
    try {
      provider.start();

      URI base = URI.create("http://127.0.0.1:" + gateway.getPort());
      HttpResponse<String> signIn = get(base.resolve("/console/sign-in/oidc"));
      URI authorize = URI.create(signIn.headers().firstValue("Location").orElseThrow());
      assertTrue(authorize.toString().startsWith(issuer + "/authorize"), signIn.toString());
      Map<String, String> request = query(authorize);
      nonce.set(request.get("nonce"));

      // the provider's answer once the officer has signed in there
      HttpResponse<String> callback =
          get(
              URI.create(
                  request.get("redirect_uri")
                      + "?code=the-code&state="
                      + URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8)));
      assertEquals(303, callback.statusCode(), callback.body());
      assertNotNull(
          callback.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith(ConsoleSessions.COOKIE + "="))
              .findFirst()
              .orElse(null),
          callback.headers().map().toString());
      HttpResponse<String> console = get(base.resolve("/console"));
      assertEquals(200, console.statusCode(), console.body());
      assertTrue(console.body().contains("officer-7"), console.body());
    } finally {
      provider.stop(0);
      gateway.getApplicationContext().close();
    }
  }

  @Test
  void anUnreachableProviderIsAskedAgainOnlyOnceItsRetryTimeHasPassedOnTheGatewaysClock()
      throws Exception {
    int port = freePort();
    String issuer = "http://127.0.0.1:" + port;
    EmbeddedServer gateway = gatewayWithProviderAt(issuer, "test.mutable-clock", "true");
    MutableClock clock = gateway.getApplicationContext().getBean(MutableClock.class);
    AtomicInteger discoveries = new AtomicInteger();
    HttpServer provider = null;
    try {
      URI signIn = URI.create("http://127.0.0.1:" + gateway.getPort() + "/console/sign-in/oidc");
      HttpResponse<String> unavailable = get(signIn);
      assertEquals(503, unavailable.statusCode(), unavailable.body());
      assertEquals(
          String.valueOf(ProviderCheckFilter.RETRY_AFTER.toSeconds()),
          unavailable.headers().firstValue("Retry-After").orElse(null));

      // bound only now: a bound port takes connections before it serves them
      provider =
          provider(
              port, new RSAKeyGenerator(2048).generate(), new AtomicReference<>(), discoveries);
      provider.start();
      clock.advance(ProviderCheckFilter.RETRY_AFTER);
      assertEquals(503, get(signIn).statusCode(), "not asked again before its retry time");
      assertEquals(0, discoveries.get());

      clock.advance(Duration.ofNanos(1));
      HttpResponse<String> redirected = get(signIn);
      assertEquals(302, redirected.statusCode(), redirected.body());
      assertTrue(
          redirected.headers().firstValue("Location").orElse("").startsWith(issuer + "/authorize"),
          redirected.headers().map().toString());
      assertTrue(discoveries.get() > 0, "the provider was asked once the retry time had passed");
    } finally {
      if (provider != null) {
        provider.stop(0);
      }
      gateway.getApplicationContext().close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  /**
   * The provider's side of the protocol at {@code port}, not started: discovery (counted in {@code
   * discoveries}), keys, and a token endpoint that issues the ID token for the nonce the gateway
   * sent.
   */
  private static HttpServer provider(
      int port, RSAKey key, AtomicReference<String> nonce, AtomicInteger discoveries)
      throws IOException {
    String issuer = "http://127.0.0.1:" + port;
    HttpServer provider =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    provider.createContext(
        "/.well-known/openid-configuration",
        exchange -> {
          discoveries.incrementAndGet();
          json(
              exchange,
              Map.of(
                  "issuer",
                  issuer,
                  "authorization_endpoint",
                  issuer + "/authorize",
                  "token_endpoint",
                  issuer + "/token",
                  "jwks_uri",
                  issuer + "/jwks",
                  "response_types_supported",
                  List.of("code"),
                  "subject_types_supported",
                  List.of("public"),
                  "id_token_signing_alg_values_supported",
                  List.of("RS256"),
                  "code_challenge_methods_supported",
                  List.of("S256")));
        });
    provider.createContext(
        "/jwks", exchange -> json(exchange, new JWKSet(key.toPublicJWK()).toJSONObject()));
    provider.createContext(
        "/token",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          json(
              exchange,
              Map.of(
                  "access_token",
                  "access",
                  "token_type",
                  "Bearer",
                  "expires_in",
                  300,
                  "id_token",
                  idToken(key, issuer, nonce.get())));
        });
    return provider;
  }

  private static String idToken(RSAKey key, String issuer, String nonce) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject("officer-7")
            .audience(CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("nonce", nonce)
            .claim("roles", List.of("liaison-officer"))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static void json(HttpExchange exchange, Map<String, ?> body) throws IOException {
    byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
