package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.callback.CallbackFixture.awaitDeliveries;
import static org.takedown.gateway.callback.CallbackFixture.decideWithoutCallback;

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

/**
 * Google's push notifications through the gateway's real {@code /webhooks/google} (PARTNERS.md,
 * Google "Push notifications"). A push is a hint, not a verdict (GATEWAY-API.md, "Configuration"):
 * its OIDC token is not bound to its body, so a verified push makes the gateway poll the operation
 * at once, and only what that poll answers changes the request. A push whose token fails any check
 * triggers nothing; a redelivered message triggers nothing new.
 *
 * <p>Polling runs, but nothing is due on its own for an hour and an idle lane looks again only
 * after an hour: only a push, which wakes Google's lane, can get a request polled here. The sandbox
 * counts the status reads ({@code GET /v1/operations/…}) it receives. The gateway trusts the
 * sandbox's push keys and one of this test's ({@link PushTokens}), so that each claim can be wrong
 * under a valid signature.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoogleWebhookIT extends WebhookITSupport {

  private static final String SUBSCRIPTION =
      "projects/partner-sandbox/subscriptions/legal-requests-push";
  private static final String PUSH_LINE =
      "push received: poll due now; only the poll's answer changes the request";

  private static final GoogleSimulator GOOGLE = TestGateway.sandbox().google();
  private static final PushTokens TOKENS = new PushTokens(GOOGLE.pushIssuer());

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "true",
        "gateway.polling.first-after", "1h",
        "gateway.polling.max-interval", "1h",
        "gateway.polling.idle-interval", "1h",
        "gateway.partners.google.push-jwks-uri",
            TOKENS.keySetBeside(GOOGLE.pushJwksUri()).toString());
  }

  @Test
  void googlesPushesMakeTheGatewayPollAndThePollsCarryTheRequestToItsOutcome() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));

    GOOGLE.review(request.id());
    gateway.awaitStatus(request.id(), "IN_REVIEW");
    gateway.awaitGooglePolls(request.id(), 1);
    GOOGLE.resolve(request.id(), "REMOVED");

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals("REMOVED", completed.get("outcome"));
    gateway.awaitGooglePolls(request.id(), 2);
    awaitDeliveries(GOOGLE, request.id(), 2);
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(6, history.size(), history.toString());
    assertLine(history.get(2), "partner-callback", "SUBMITTED", "SUBMITTED", PUSH_LINE);
    assertLine(
        history.get(3), "partner-poll", "SUBMITTED", "IN_REVIEW", "Google state UNDER_REVIEW");
    assertLine(history.get(4), "partner-callback", "IN_REVIEW", "IN_REVIEW", PUSH_LINE);
    assertLine(
        history.get(5),
        "partner-poll",
        "IN_REVIEW",
        "COMPLETED",
        "Google state RESOLVED, resolution REMOVED");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "RESTRICTED, RESTRICTED",
    "PRESERVED, PRESERVED",
    "NOT_FOUND, NOT_FOUND",
    "NO_ACTION, NO_VIOLATION"
  })
  void eachOfGooglesResolutionsArrivesAsTheGatewaysOutcome(String resolution, String outcome) {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));

    GOOGLE.resolve(request.id(), resolution);

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals(outcome, completed.get("outcome"));
    assertEquals(
        "PRESERVED".equals(outcome),
        completed.get("preservedUntil") != null,
        "only a preservation has an end date: " + completed);
    assertEquals("partner-poll", gateway.lastHistoryLine(request.id()).get("source"));
  }

  /**
   * The attack a push token allows: a real token of Google's push identity, taken from one push,
   * under a body of the attacker's. It gets the request polled; what Google answers is what counts.
   */
  @ParameterizedTest(name = "Google {0}, the forged push says RESOLVED/REMOVED")
  @CsvSource({
    "review, , IN_REVIEW, , Google state UNDER_REVIEW",
    "complete, NO_ACTION, COMPLETED, NO_VIOLATION, 'Google state RESOLVED, resolution NO_ACTION'"
  })
  void aPushForgedUnderACapturedTokenChangesNothingButWhatGoogleAnswers(
      String decision, String word, String status, String outcome, String detail) {
    // a real push of the sandbox's about another request: the token an attacker captured
    Submitted other = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    GOOGLE.review(other.id());
    String captured = awaitDeliveries(GOOGLE, other.id(), 1).get(0).headers().get("Authorization");
    Submitted target = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    decideWithoutCallback(GOOGLE, target.id(), decision, word);
    String forged =
        push(gateway.partnerOperation(target.id()), target.partnerRef(), "RESOLVED", "REMOVED");

    Api.Answer answer = gateway.postCallback("google", forged, "Authorization", captured);

    assertEquals(200, answer.status(), answer.body());
    gateway.awaitGooglePolls(target.id(), 1);
    Map<String, Object> after = gateway.request(target.id());
    assertEquals(status, after.get("status"));
    assertEquals(outcome, after.get("outcome"));
    List<Map<String, Object>> history = gateway.history(target.id());
    assertEquals(4, history.size(), history.toString());
    assertLine(history.get(2), "partner-callback", "SUBMITTED", "SUBMITTED", PUSH_LINE);
    assertLine(history.get(3), "partner-poll", "SUBMITTED", status, detail);
  }

  @Test
  void aPushThatGoogleContradictsLeavesOnlyItsOwnLine() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));

    Api.Answer answer =
        post(
            push(
                gateway.partnerOperation(request.id()),
                request.partnerRef(),
                "RESOLVED",
                "REMOVED"),
            TOKENS.token());

    assertEquals(200, answer.status(), answer.body());
    gateway.awaitGooglePolls(request.id(), 1);
    // Google still has it as RECEIVED: the poll finds the request where it is, and says nothing
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("SUBMITTED", after.get("status"));
    assertNull(after.get("outcome"));
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(3, history.size(), history.toString());
    assertLine(history.get(2), "partner-callback", "SUBMITTED", "SUBMITTED", PUSH_LINE);
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
  void aPushWithAForgedTokenIsRefusedAndTriggersNothing(
      Function<JWTClaimsSet.Builder, String> forgedToken) {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    decideWithoutCallback(GOOGLE, request.id(), "review", null);
    Map<String, Object> before = gateway.request(request.id());
    CallbackFixture.PollColumns scheduled = gateway.pollColumns(request.id());
    String body =
        push(gateway.partnerOperation(request.id()), request.partnerRef(), "UNDER_REVIEW", null);

    Api.Answer refused = postForged(body, forgedToken.apply(TOKENS.claims()));

    assertEquals(401, refused.status(), refused.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    assertEquals(scheduled, gateway.pollColumns(request.id()), "no poll made due");
    // the very same push, with a good token, is what gets the request polled
    Api.Answer genuine = post(body, TOKENS.token());
    assertEquals(200, genuine.status(), genuine.body());
    gateway.awaitGooglePolls(request.id(), 1);
    assertEquals("IN_REVIEW", gateway.request(request.id()).get("status"));
  }

  @ParameterizedTest(name = "expired {0} s ago")
  @ValueSource(longs = {120, 7200})
  void aPushWithAnExpiredTokenIsRefusedAsStale(long expiredSecondsAgo) {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    decideWithoutCallback(GOOGLE, request.id(), "review", null);
    Map<String, Object> before = gateway.request(request.id());
    CallbackFixture.PollColumns scheduled = gateway.pollColumns(request.id());
    String body =
        push(gateway.partnerOperation(request.id()), request.partnerRef(), "UNDER_REVIEW", null);
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
    assertEquals(scheduled, gateway.pollColumns(request.id()), "no poll made due");
    Api.Answer fresh = post(body, TOKENS.token());
    assertEquals(200, fresh.status(), fresh.body());
    gateway.awaitGooglePolls(request.id(), 1);
    assertEquals("IN_REVIEW", gateway.request(request.id()).get("status"));
  }

  @Test
  void aRedeliveredMessageIsAcknowledgedAndTriggersOnePollNotTwo() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    GOOGLE.review(request.id());
    gateway.awaitGooglePolls(request.id(), 1);
    CallbackDelivery first = awaitDeliveries(GOOGLE, request.id(), 1).get(0);
    Map<String, Object> reviewed = gateway.request(request.id());
    CallbackFixture.PollColumns scheduled = gateway.pollColumns(request.id());

    // Pub/Sub redelivers the same message (the same messageId), with a token of the moment
    Api.Answer redelivered = post(first.body(), TOKENS.token());

    assertEquals(200, redelivered.status(), "acknowledged, so that Pub/Sub stops redelivering");
    assertEquals(reviewed, gateway.request(request.id()), "no line, no change");
    assertEquals(scheduled, gateway.pollColumns(request.id()), "no poll made due");
    // Another request's push gets polled in the lane's next round. Had the redelivery made the
    // first request due, that round, or an earlier one, would have polled it a second time.
    Submitted other = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    GOOGLE.review(other.id());
    gateway.awaitGooglePolls(other.id(), 1);
    assertEquals(1, gateway.googlePolls(request.id()), "one poll for one message");
    assertEquals("IN_REVIEW", gateway.request(request.id()).get("status"));
  }

  @Test
  void aPushAboutACompletedRequestIsRecordedAsIgnoredAndNotPolled() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.GOOGLE));
    GOOGLE.resolve(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    gateway.awaitGooglePolls(request.id(), 1);
    awaitDeliveries(GOOGLE, request.id(), 1);

    // a new message about it (Google re-announcing, or an UNDER_REVIEW push held up in Pub/Sub)
    Api.Answer late =
        post(
            push(
                gateway.partnerOperation(request.id()), request.partnerRef(), "UNDER_REVIEW", null),
            TOKENS.token());

    assertEquals(200, late.status(), "acknowledged, so that Pub/Sub stops redelivering it");
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    assertLine(
        gateway.lastHistoryLine(request.id()),
        "partner-callback",
        "COMPLETED",
        "COMPLETED",
        "ignored: push received while COMPLETED; not polled");
    assertNull(gateway.pollColumns(request.id()).nextPollAt(), "a completed request is not polled");
  }

  @Test
  void anAuthenticPushAboutAnUnknownRequestIsAcknowledgedAndKeptAsAnOrphanWithoutAState() {
    long number = 900_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L);
    String unknown = "legalRequests/" + number;
    String body = push("operations/lr-" + Long.toHexString(number), unknown, "RESOLVED", "REMOVED");

    Api.Answer answer = post(body, TOKENS.token());

    assertEquals(200, answer.status(), answer.body());
    List<Map<String, Object>> orphans = gateway.orphans(Platform.GOOGLE, unknown);
    assertEquals(1, orphans.size(), orphans.toString());
    Map<String, Object> orphan = orphans.get(0);
    assertNull(orphan.get("state"), "a push reports no state: " + orphan);
    assertNull(orphan.get("outcome"), orphan.toString());
    assertTrue(((String) orphan.get("detail")).startsWith("push received"), orphan.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a reference of 600 characters", "a reference with a NUL"})
  void anAuthenticPushNamingAReferenceTheGatewayCannotKeepIsAcknowledgedAndKeptNowhere(
      String kind) {
    // an orphan's reference column holds 512 characters, and PostgreSQL refuses a NUL: before,
    // both were a 500 that Pub/Sub redelivered for as long as it keeps a message
    String storable =
        kind.contains("600")
            ? "legalRequests/" + "7".repeat(600)
            : "legalRequests/" + ThreadLocalRandom.current().nextLong(1L << 40);
    String unknown = kind.contains("600") ? storable : storable + "\u0000";
    Api.Answer answer = post(push(null, unknown, "RESOLVED", "REMOVED"), TOKENS.token());

    assertEquals(200, answer.status(), answer.body());
    assertEquals(List.of(), gateway.orphans(Platform.GOOGLE, storable));
  }

  /** A push whose token is forged or missing: a request the document does not allow. */
  private Api.Answer postForged(String body, String token) {
    return token == null
        ? gateway.postInvalidCallback("google", body)
        : gateway.postInvalidCallback("google", body, "Authorization", "Bearer " + token);
  }

  private Api.Answer post(String body, String token) {
    return token == null
        ? gateway.postCallback("google", body)
        : gateway.postCallback("google", body, "Authorization", "Bearer " + token);
  }

  private static void assertLine(
      Map<String, Object> line, String source, String from, String to, String detail) {
    assertEquals(source, line.get("source"), line.toString());
    assertEquals(from, line.get("from"), line.toString());
    assertEquals(to, line.get("to"), line.toString());
    assertEquals(detail, line.get("detail"), line.toString());
  }

  /** A Pub/Sub push as Google sends it, a new message: the change as base64 JSON in its data. */
  private String push(String operation, String legalRequest, String state, String resolution) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("operation", operation);
    data.put("legalRequest", legalRequest);
    data.put("state", state);
    if (resolution != null) {
      data.put("resolution", resolution);
    }
    data.put("updateTime", Instant.now().toString());
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
