package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackOutcome.RefusalCode;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * Google pushes carry real OIDC tokens, signed here with test keys and verified against a JWKS that
 * WireMock serves (or a file holds), with a fresh context, and so a fresh key cache, per test.
 */
class GoogleCallbacksTest {

  private static final String JWKS_PATH = "/oauth2/v3/certs";
  private static final String ISSUER = "https://accounts.google.com";
  private static final String AUDIENCE = "https://gateway.police.example/webhooks/google";
  private static final String PUSH_ACCOUNT = "legal-push@partner-google.iam.gserviceaccount.com";
  private static final Instant NOW = Instant.parse("2024-06-21T09:15:05Z");
  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");
  private static final String REMOVED =
      """
      {"operation": "operations/lr-8f14e45f", "legalRequest": "legalRequests/123",
       "state": "RESOLVED", "resolution": "REMOVED", "updateTime": "2024-06-21T09:15:00Z"}
      """;
  private static final String MESSAGE_ID = "2070443601311540";

  /** All a verified push says: something changed about this request; ask Google. */
  private static final CallbackOutcome HINT = new CallbackOutcome.Hint(MESSAGE_ID, List.of(REF));

  /** The key Google signs with now; the fixture's key, so no extra key is generated for it. */
  private static final RSAKey CURRENT = GoogleFixture.key();

  /** The key Google rotates to, absent from the key set until a test publishes it. */
  private static final RSAKey NEXT = generateKey("push-key-next");

  /** An attacker's key that claims the current key's id. */
  private static final RSAKey FORGED = generateKey(GoogleFixture.KEY_ID);

  @TempDir Path dir;
  private GoogleFixture google;
  private MutableClock clock;
  private ApplicationContext context;

  @BeforeEach
  void start() {
    google = GoogleFixture.start(dir);
    clock = new MutableClock(NOW);
    publish(CURRENT);
  }

  @AfterEach
  void stop() {
    try {
      google.assertNoUnmatchedRequests();
    } finally {
      if (context != null) {
        context.close();
      }
      google.close();
    }
  }

  @Test
  void speaksForGoogle() {
    assertEquals(Platform.GOOGLE, callbacks().platform());
  }

  @Test
  void verifiesAPushSignedByAKeyOfTheKeySetAndReadsItsData() {
    CallbackOutcome outcome = callbacks().receive(push(token(CURRENT), REMOVED));

    assertEquals(HINT, outcome);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\"state\": \"RECEIVED\"",
        "\"state\": \"UNDER_REVIEW\"",
        "\"state\": \"RESOLVED\", \"resolution\": \"REMOVED\"",
        "\"state\": \"RESOLVED\", \"resolution\": \"PRESERVED\","
            + " \"preserveUntil\": \"2099-09-19T09:15:00Z\"",
        "\"state\": \"RESOLVED\", \"resolution\": \"NO_ACTION\"",
        "\"state\": \"WITHDRAWN\"",
        "\"state\": 42, \"resolution\": [\"REMOVED\"]",
        "\"updateTime\": \"yesterday\""
      })
  void readsOnlyWhichRequestAPushIsAboutWhateverStateItClaims(String claims) {
    String data =
        "{\"operation\": \"operations/lr-8f14e45f\", \"legalRequest\": \"legalRequests/123\", "
            + claims
            + "}";

    CallbackOutcome outcome = callbacks().receive(push(token(CURRENT), data));

    assertEquals(HINT, outcome);
  }

  @Test
  void aPushWithoutItsOperationStillNamesItsLegalRequest() {
    String data = "{\"legalRequest\": \"legalRequests/123\", \"state\": \"RESOLVED\"}";

    CallbackOutcome outcome = callbacks().receive(push(token(CURRENT), data));

    assertEquals(
        new CallbackOutcome.Hint(MESSAGE_ID, List.of(PartnerRef.of("legalRequests/123"))), outcome);
  }

  @Test
  void verifiesARedeliveredPushAgainFromTheCachedKeySet() {
    PartnerCallbacks callbacks = callbacks();
    CallbackRequest push = push(token(CURRENT), REMOVED);

    CallbackOutcome first = callbacks.receive(push);
    CallbackOutcome redelivered = callbacks.receive(push);

    assertEquals(HINT, first);
    assertEquals(HINT, redelivered);
    assertEquals(1, keySetFetches());
  }

  @Test
  void refusesATokenSignedByAnotherKeyUnderTheKeyIdOfTheCurrentOne() {
    CallbackOutcome outcome = callbacks().receive(push(token(FORGED), REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.TOKEN, "Google push token signature does not verify"),
        outcome);
  }

  @Test
  void refusesATokenSignedByAKeyTheKeySetDoesNotHoldAfterLookingAgain() {
    CallbackOutcome outcome = callbacks().receive(push(token(NEXT), REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.TOKEN,
            "Google push token is not signed RS256 by a key of the push key set"),
        outcome);
    assertEquals(2, keySetFetches());
  }

  @Test
  void verifiesATokenOfAKeyPublishedAfterTheKeySetWasCached() {
    PartnerCallbacks callbacks = callbacks();
    assertEquals(HINT, callbacks.receive(push(token(CURRENT), REMOVED)));

    publish(CURRENT, NEXT);
    CallbackOutcome rotated = callbacks.receive(push(token(NEXT), REMOVED));

    assertEquals(HINT, rotated);
    assertEquals(2, keySetFetches());
  }

  @Test
  void readsTheKeySetFromAFileAndPicksUpARotatedKey() throws IOException {
    Path keySet = dir.resolve("push-jwks.json");
    Files.writeString(keySet, jwks(CURRENT));
    PartnerCallbacks callbacks =
        callbacks(Map.of("gateway.partners.google.push-jwks-uri", keySet.toUri().toString()));
    assertEquals(HINT, callbacks.receive(push(token(CURRENT), REMOVED)));

    Files.writeString(keySet, jwks(CURRENT, NEXT));
    CallbackOutcome rotated = callbacks.receive(push(token(NEXT), REMOVED));

    assertEquals(HINT, rotated);
    assertEquals(0, keySetFetches());
  }

  @Test
  void refusesATokenThatExpiredMoreThanTheClockSkewAgo() {
    PartnerCallbacks callbacks = callbacks();
    CallbackRequest push = push(token(CURRENT), REMOVED);

    clock.advance(Duration.ofHours(1).plusSeconds(59));
    CallbackOutcome withinSkew = callbacks.receive(push);
    clock.advance(Duration.ofSeconds(2));
    CallbackOutcome stale = callbacks.receive(push);

    assertEquals(HINT, withinSkew);
    assertEquals(
        new CallbackOutcome.Refused(401, RefusalCode.TOKEN, "Google push token has expired"),
        stale);
  }

  static Stream<Arguments> claimsThatDoNotMatch() {
    return Stream.of(
        Arguments.of("another audience", change(c -> c.audience("https://elsewhere.example"))),
        Arguments.of("another issuer", change(c -> c.issuer("https://issuer.example"))),
        Arguments.of(
            "another service account",
            change(c -> c.claim("email", "someone@attacker.iam.gserviceaccount.com"))),
        Arguments.of("email_verified false", change(c -> c.claim("email_verified", false))),
        Arguments.of("email_verified as text", change(c -> c.claim("email_verified", "true"))),
        Arguments.of("no email_verified", change(c -> c.claim("email_verified", null))),
        Arguments.of("no email", change(c -> c.claim("email", null))),
        Arguments.of("no exp", change(c -> c.expirationTime(null))),
        Arguments.of("no aud", change(c -> c.audience((String) null))));
  }

  private static Consumer<JWTClaimsSet.Builder> change(Consumer<JWTClaimsSet.Builder> change) {
    return change;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("claimsThatDoNotMatch")
  void refusesATokenWhoseClaimsDoNotMatchThePushConfiguration(
      String what, Consumer<JWTClaimsSet.Builder> change) {
    CallbackOutcome outcome = callbacks().receive(push(token(CURRENT, change), REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.TOKEN, "Google push token claims do not match the push configuration"),
        outcome);
  }

  @ParameterizedTest(name = "Authorization {0}")
  @ValueSource(strings = {"", "Bearer ", "Basic dXNlcjpwYXNz", "Bearertoken"})
  void refusesAPushWithoutABearerToken(String authorization) {
    Map<String, List<String>> headers =
        authorization.isEmpty() ? Map.of() : Map.of("authorization", List.of(authorization));
    CallbackRequest push =
        new CallbackRequest("POST", headers, Map.of(), body(REMOVED).getBytes(UTF8));

    assertEquals(
        new CallbackOutcome.Refused(401, RefusalCode.TOKEN, "Google push without a bearer token"),
        callbacks().receive(push));
  }

  @Test
  void acceptsTheBearerSchemeInAnyCase() {
    CallbackRequest push =
        new CallbackRequest(
            "POST",
            Map.of("authorization", List.of("bearer " + token(CURRENT))),
            Map.of(),
            body(REMOVED).getBytes(UTF8));

    assertEquals(HINT, callbacks().receive(push));
  }

  @Test
  void refusesABearerThatIsNotAJwt() {
    assertEquals(
        new CallbackOutcome.Refused(401, RefusalCode.TOKEN, "Google push token is not a JWT"),
        callbacks().receive(push("ya29.an-access-token-not-a-jwt", REMOVED)));
  }

  @Test
  void refusesAnUnsignedToken() {
    String unsigned = new PlainJWT(claims(c -> {}).get()).serialize();

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.TOKEN,
            "Google push token is not signed RS256 by a key of the push key set"),
        callbacks().receive(push(unsigned, REMOVED)));
  }

  @Test
  void refusesATokenMacedWithASharedSecret() throws JOSEException {
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(GoogleFixture.KEY_ID).build(),
            claims(c -> {}).get());
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    hmac.sign(new MACSigner(secret));

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.TOKEN,
            "Google push token is not signed RS256 by a key of the push key set"),
        callbacks().receive(push(hmac.serialize(), REMOVED)));
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"push-jwks-uri", "push-issuer", "push-audience", "push-service-account"})
  void refusesEveryPushWhileAPushKeyIsUnset(String key) {
    Map<String, Object> unset = new HashMap<>(pushProperties());
    unset.remove("gateway.partners.google." + key);
    context = google.context(unset, clock);
    PartnerCallbacks callbacks = context.getBean(GoogleCallbacks.class);

    CallbackOutcome outcome = callbacks.receive(push(token(CURRENT), REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.UNCONFIGURED,
            "Google push verification is not configured (push-jwks-uri, push-issuer,"
                + " push-audience, push-service-account)"),
        outcome);
  }

  @Test
  void refusesWhenTheKeySetCannotBeFetched() {
    google.wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(503)));

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.TOKEN, "Google push key set could not be fetched"),
        callbacks().receive(push(token(CURRENT), REMOVED)));
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(
      strings = {
        "",
        "{\"message\": ",
        "{\"subscription\": \"projects/p/subscriptions/s\"}",
        "{\"message\": {\"messageId\": \"1\"}}",
        "{\"message\": {\"messageId\": \"1\", \"data\": \"not base64!\"}}",
        "{\"message\": {\"messageId\": \"1\", \"data\": \"bm90IGpzb24=\"}}",
        "{\"message\": {\"messageId\": \"1\", \"data\": \"eyJzdGF0ZSI6ICJSRUNFSVZFRCJ9\"}}",
        // {"legalRequest": "legalRequests/123"}, but no messageId to recognise a redelivery by
        "{\"message\": {\"data\": \"eyJsZWdhbFJlcXVlc3QiOiAibGVnYWxSZXF1ZXN0cy8xMjMifQ==\"}}",
        "{\"message\": {\"messageId\": \" \","
            + " \"data\": \"eyJsZWdhbFJlcXVlc3QiOiAibGVnYWxSZXF1ZXN0cy8xMjMifQ==\"}}"
      })
  void answersAnAuthenticBodyItCannotReadAsUnreadable(String body) {
    CallbackRequest push =
        new CallbackRequest(
            "POST",
            Map.of("authorization", List.of("Bearer " + token(CURRENT))),
            Map.of(),
            body.getBytes(UTF8));

    CallbackOutcome outcome = callbacks().receive(push);

    assertTrue(outcome instanceof CallbackOutcome.Unreadable, outcome.toString());
  }

  @Test
  void acknowledgesOtherEventTypesWithoutUpdates() {
    String other = body(REMOVED).replace("LEGAL_REQUEST_UPDATED", "LEGAL_REQUEST_COMMENTED");

    CallbackOutcome outcome =
        callbacks()
            .receive(
                new CallbackRequest(
                    "POST",
                    Map.of("authorization", List.of("Bearer " + token(CURRENT))),
                    Map.of(),
                    other.getBytes(UTF8)));

    assertEquals(new CallbackOutcome.Verified(List.of()), outcome);
  }

  @ParameterizedTest(name = "messageId {0}")
  @ValueSource(strings = {"long", "\\u0000", "12\\n34"})
  void answersAMessageIdTheGatewayCannotKeepAsUnreadable(String kind) {
    // a NUL would make PostgreSQL refuse the insert that recognises redeliveries: a 500
    String messageId = kind.equals("long") ? "9".repeat(GoogleCallbacks.MAX_MESSAGE_ID + 1) : kind;
    CallbackRequest push =
        new CallbackRequest(
            "POST",
            Map.of("authorization", List.of("Bearer " + token(CURRENT))),
            Map.of(),
            body(REMOVED).replace(MESSAGE_ID, messageId).getBytes(UTF8));

    assertEquals(
        new CallbackOutcome.Unreadable("Google push message has no usable messageId"),
        callbacks().receive(push));
  }

  @Test
  void refusesOtherMethods() {
    CallbackRequest get =
        new CallbackRequest(
            "GET",
            Map.of("authorization", List.of("Bearer " + token(CURRENT))),
            Map.of(),
            new byte[0]);

    assertEquals(
        new CallbackOutcome.Refused(403, RefusalCode.METHOD, "Google pushes are POSTs"),
        callbacks().receive(get));
  }

  @Test
  void keepsTheTokenOutOfRefusalReasons() {
    String forged = token(FORGED);
    String expired = token(CURRENT, c -> c.expirationTime(Date.from(NOW.minusSeconds(3600))));
    PartnerCallbacks callbacks = callbacks();

    String reasons =
        callbacks.receive(push(forged, REMOVED)).toString()
            + callbacks.receive(push(expired, REMOVED));

    assertFalse(reasons.contains(forged), reasons);
    assertFalse(reasons.contains(expired.substring(expired.lastIndexOf('.') + 1)), reasons);
    assertFalse(reasons.contains(PUSH_ACCOUNT), reasons);
  }

  @ParameterizedTest(name = "push-jwks-uri {0}")
  @ValueSource(strings = {"ftp://keys.example/jwks.json", "jwks.json", "file:jwks.json"})
  void refusesAKeySetUriThatIsNotAnHttpOrFileUri(String uri) {
    context = google.context(withPush(Map.of("gateway.partners.google.push-jwks-uri", uri)), clock);

    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> context.getBean(GoogleCallbacks.class));

    assertTrue(causes(failure).contains("gateway.partners.google.push-jwks-uri"), causes(failure));
  }

  private PartnerCallbacks callbacks() {
    return callbacks(Map.of());
  }

  private PartnerCallbacks callbacks(Map<String, Object> overrides) {
    context = google.context(withPush(overrides), clock);
    return context.getBean(GoogleCallbacks.class);
  }

  private Map<String, Object> pushProperties() {
    return Map.of(
        "gateway.partners.google.push-jwks-uri", google.wm.baseUrl() + JWKS_PATH,
        "gateway.partners.google.push-issuer", ISSUER,
        "gateway.partners.google.push-audience", AUDIENCE,
        "gateway.partners.google.push-service-account", PUSH_ACCOUNT);
  }

  private Map<String, Object> withPush(Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(pushProperties());
    properties.putAll(overrides);
    return properties;
  }

  /** Serves a key set of {@code keys}' public halves where push-jwks-uri points. */
  private void publish(RSAKey... keys) {
    google.wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(keys))));
  }

  private int keySetFetches() {
    return google.wm.findAll(getRequestedFor(urlEqualTo(JWKS_PATH))).size();
  }

  private static String jwks(RSAKey... keys) {
    return new JWKSet(Stream.of(keys).map(RSAKey::toPublicJWK).map(JWK.class::cast).toList())
        .toString();
  }

  private static CallbackRequest push(String token, String data) {
    return new CallbackRequest(
        "POST",
        Map.of(
            "authorization",
            List.of("Bearer " + token),
            "content-type",
            List.of("application/json")),
        Map.of(),
        body(data).getBytes(UTF8));
  }

  /** A Pub/Sub push envelope around {@code data}, base64-encoded as Google sends it. */
  private static String body(String data) {
    return """
        {"message": {"data": "%s", "messageId": "%s",
                     "publishTime": "2024-06-21T09:15:01Z",
                     "attributes": {"eventType": "LEGAL_REQUEST_UPDATED"}},
         "subscription": "projects/p/subscriptions/s"}
        """
        .formatted(Base64.getEncoder().encodeToString(data.getBytes(UTF8)), MESSAGE_ID);
  }

  private static String token(RSAKey key) {
    return token(key, c -> {});
  }

  /** A Google-style OIDC token for the push account, issued at NOW for one hour, then changed. */
  private static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims(change).get());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static java.util.function.Supplier<JWTClaimsSet> claims(
      Consumer<JWTClaimsSet.Builder> change) {
    return () -> {
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .subject("112233445566778899000")
              .claim("azp", "112233445566778899000")
              .claim("email", PUSH_ACCOUNT)
              .claim("email_verified", true)
              .issueTime(Date.from(NOW))
              .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
      change.accept(claims);
      return claims.build();
    };
  }

  private static String causes(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static RSAKey generateKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
