package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.takedown.gateway.callback.CallbackFixture.awaitDeliveries;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.callback.CallbackFixture.Submitted;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.CallbackDelivery;
import org.takedown.sandbox.GoogleSimulator;
import org.takedown.sandbox.SandboxRequest;

/**
 * Google's push notifications through the gateway's real {@code /webhooks/google} (PARTNERS.md,
 * Google "Push notifications"): the sandbox's pushes, with OIDC tokens signed by its push key, move
 * requests; a push whose token fails any check, expired ones included, changes nothing; replays and
 * late pushes are applied once, forwards only. Polling is off, so only pushes can move a request.
 *
 * <p>The gateway trusts the sandbox's push keys and one of this test's ({@link PushTokens}), so
 * that each claim can be wrong under a valid signature. There is no batch to test: a push carries
 * one message, about one legal request.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoogleWebhookIT extends WebhookITSupport {

  private static final String SUBSCRIPTION =
      "projects/partner-sandbox/subscriptions/legal-requests-push";

  private static final GoogleSimulator GOOGLE = TestGateway.sandbox().google();
  private static final PushTokens TOKENS = new PushTokens(GOOGLE.pushIssuer());

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled",
        "false",
        "gateway.partners.google.push-jwks-uri",
        TOKENS.keySetBeside(GOOGLE.pushJwksUri()).toString());
  }

  @Test
  void pushedReviewThenResolutionFromGoogleCarryTheRequestToItsOutcome() {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);

    GOOGLE.review(request.id());
    gateway.awaitStatus(request.id(), "IN_REVIEW");
    GOOGLE.resolve(request.id(), "REMOVED");

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals("REMOVED", completed.get("outcome"));
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(4, history.size(), history.toString());
    assertLine(history.get(2), "SUBMITTED", "IN_REVIEW", "Google state UNDER_REVIEW");
    assertLine(
        history.get(3), "IN_REVIEW", "COMPLETED", "Google state RESOLVED, resolution REMOVED");
    awaitDeliveries(GOOGLE, request.id(), 2);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "RESTRICTED, RESTRICTED",
    "PRESERVED, PRESERVED",
    "NOT_FOUND, NOT_FOUND",
    "NO_ACTION, NO_VIOLATION"
  })
  void eachOfGooglesResolutionsArrivesAsTheGatewaysOutcome(String resolution, String outcome) {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);

    GOOGLE.resolve(request.id(), resolution);

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals(outcome, completed.get("outcome"));
    assertEquals(
        "PRESERVED".equals(outcome),
        completed.get("preservedUntil") != null,
        "only a preservation has an end date: " + completed);
    assertEquals("partner-callback", gateway.lastHistoryLine(request.id()).get("source"));
  }

  static Stream<Arguments> forgedTokens() {
    return Stream.of(
        forged("signed by a key outside the push key set", c -> TOKENS.signedByStranger(c.build())),
        forged("with its signature altered", c -> withSignatureAltered(TOKENS.signed(c.build()))),
        forged("unsigned (alg none)", c -> TOKENS.unsigned(c.build())),
        forged(
            "for another audience",
            c -> TOKENS.signed(c.audience("https://elsewhere.example/push").build())),
        forged(
            "of another service account",
            c -> TOKENS.signed(c.claim("email", "someone@evil.iam.gserviceaccount.com").build())),
        forged(
            "with an unverified e-mail",
            c -> TOKENS.signed(c.claim("email_verified", false).build())),
        forged(
            "from another issuer",
            c -> TOKENS.signed(c.issuer("https://accounts.evil.example").build())),
        forged("that never expires", c -> TOKENS.signed(c.expirationTime(null).build())),
        forged("no token at all", c -> null));
  }

  private static Arguments forged(String name, Function<JWTClaimsSet.Builder, String> token) {
    return Arguments.of(Named.of(name, token));
  }

  @ParameterizedTest(name = "a token {0}")
  @MethodSource("forgedTokens")
  void aPushWithAForgedTokenIsRefusedAndChangesNothing(
      Function<JWTClaimsSet.Builder, String> forgedToken) {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);
    Map<String, Object> before = gateway.request(request.id());
    String body = push(gateway.partnerOperation(request.id()), request.partnerRef(), "RESOLVED");

    Api.Answer refused = post(body, forgedToken.apply(TOKENS.claims()));

    assertEquals(401, refused.status(), refused.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    // the very same push, with a good token, is what moves the request
    Api.Answer genuine = post(body, TOKENS.token());
    assertEquals(200, genuine.status(), genuine.body());
    assertEquals("COMPLETED", gateway.request(request.id()).get("status"));
  }

  @ParameterizedTest(name = "expired {0} s ago")
  @ValueSource(longs = {120, 7200})
  void aPushWithAnExpiredTokenIsRefusedAsStale(long expiredSecondsAgo) {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);
    Map<String, Object> before = gateway.request(request.id());
    String body = push(gateway.partnerOperation(request.id()), request.partnerRef(), "RESOLVED");
    Instant expiry = Instant.now().minusSeconds(expiredSecondsAgo);
    String expired =
        TOKENS.signed(
            TOKENS
                .claims()
                .issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(expiry))
                .build());

    Api.Answer stale = post(body, expired);

    assertEquals(401, stale.status(), stale.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    Api.Answer fresh = post(body, TOKENS.token());
    assertEquals(200, fresh.status(), fresh.body());
    assertEquals("COMPLETED", gateway.request(request.id()).get("status"));
  }

  @Test
  void aRedeliveredOrReplayedResolutionIsAcknowledgedAndRecordedAsADuplicate() {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);
    GOOGLE.resolve(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    CallbackDelivery first = awaitDeliveries(GOOGLE, request.id(), 1).get(0);
    Map<String, Object> completed = gateway.request(request.id());

    GOOGLE.redeliverCallback(request.id());
    awaitDeliveries(GOOGLE, request.id(), 2);
    // a captured push replayed byte for byte while its token lasts still verifies; applying it
    // again must change nothing
    Api.Answer replayed =
        gateway.postCallback(
            "google", first.body(), "Authorization", first.headers().get("Authorization"));

    assertEquals(200, replayed.status(), replayed.body());
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    assertEquals(completed.get("updatedAt"), after.get("updatedAt"), "the row was not written");
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(5, history.size(), history.toString());
    for (Map<String, Object> duplicate : history.subList(3, 5)) {
      assertLine(
          duplicate,
          "COMPLETED",
          "COMPLETED",
          "ignored: duplicate COMPLETED/REMOVED (Google state RESOLVED, resolution REMOVED)");
    }
  }

  @Test
  void underReviewArrivingAfterTheResolutionDoesNotMoveTheRequestBack() {
    Submitted request = gateway.submitted(Cases.YOUTUBE_URL);
    SandboxRequest resolved = GOOGLE.resolve(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    awaitDeliveries(GOOGLE, request.id(), 1);
    // the UNDER_REVIEW push Google sent first, held up in Pub/Sub, arrives last
    String late =
        push(
            gateway.partnerOperation(request.id()),
            request.partnerRef(),
            "UNDER_REVIEW",
            null,
            resolved.updatedAt().minusSeconds(30));

    Api.Answer answer = post(late, TOKENS.token());

    assertEquals(200, answer.status(), "acknowledged, so that Pub/Sub stops redelivering it");
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    assertLine(
        gateway.lastHistoryLine(request.id()),
        "COMPLETED",
        "COMPLETED",
        "ignored: request is already COMPLETED; partner reports IN_REVIEW (Google state"
            + " UNDER_REVIEW)");
  }

  @Test
  void anAuthenticPushAboutAnUnknownRequestIsAcknowledgedAndKeptAsAnOrphan() {
    long number = 900_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L);
    String unknown = "legalRequests/" + number;
    String body = push("operations/lr-" + Long.toHexString(number), unknown, "RESOLVED");

    Api.Answer answer = post(body, TOKENS.token());

    assertEquals(200, answer.status(), answer.body());
    assertEquals(
        List.of(
            Map.of(
                "platform", "GOOGLE",
                "partner_ref", unknown,
                "state", "COMPLETED",
                "outcome", "REMOVED",
                "detail", "Google state RESOLVED, resolution REMOVED")),
        gateway.orphans(Platform.GOOGLE, unknown));
  }

  private Api.Answer post(String body, String token) {
    return token == null
        ? gateway.postCallback("google", body)
        : gateway.postCallback("google", body, "Authorization", "Bearer " + token);
  }

  private static void assertLine(Map<String, Object> line, String from, String to, String detail) {
    assertEquals("partner-callback", line.get("source"), line.toString());
    assertEquals(from, line.get("from"), line.toString());
    assertEquals(to, line.get("to"), line.toString());
    assertEquals(detail, line.get("detail"), line.toString());
  }

  /** A push that the legal request was resolved with REMOVED, now. */
  private String push(String operation, String legalRequest, String state) {
    return push(operation, legalRequest, state, "REMOVED", Instant.now());
  }

  /** A Pub/Sub push as Google sends it: the change as base64 JSON in {@code message.data}. */
  private String push(
      String operation, String legalRequest, String state, String resolution, Instant updated) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("operation", operation);
    data.put("legalRequest", legalRequest);
    data.put("state", state);
    if (resolution != null) {
      data.put("resolution", resolution);
    }
    data.put("updateTime", updated.toString());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(
        "data",
        Base64.getEncoder().encodeToString(api.toJson(data).getBytes(StandardCharsets.UTF_8)));
    message.put("messageId", Long.toString(ThreadLocalRandom.current().nextLong(1L << 50)));
    message.put("publishTime", Instant.now().toString());
    message.put("attributes", Map.of("eventType", "LEGAL_REQUEST_UPDATED"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("subscription", SUBSCRIPTION);
    return api.toJson(body);
  }

  private static String withSignatureAltered(String token) {
    String[] parts = token.split("\\.");
    byte[] signature = new Base64URL(parts[2]).decode();
    signature[0] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
  }
}
