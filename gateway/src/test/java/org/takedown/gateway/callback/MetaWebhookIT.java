package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.callback.CallbackFixture.awaitDeliveries;
import static org.takedown.gateway.callback.CallbackFixture.decideWithoutCallback;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.gateway.callback.CallbackFixture.Submitted;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.CallbackDelivery;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.SandboxRequest;

/**
 * Meta's callbacks through the gateway's real {@code /webhooks/meta} (PARTNERS.md, Meta
 * "Callbacks"): the sandbox's signed deliveries move requests; forged ones change nothing; replays,
 * batches and late deliveries are applied once, in order, forwards only. Polling is off, so only
 * callbacks can move a request.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaWebhookIT extends WebhookITSupport {

  private static final String SIGNATURE = "X-Hub-Signature-256";

  private final MetaSimulator meta = TestGateway.sandbox().meta();

  @Test
  void signedReviewThenCompletionFromMetaCarryTheRequestToItsOutcome() {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);

    meta.review(request.id());
    gateway.awaitStatus(request.id(), "IN_REVIEW");
    meta.complete(request.id(), "REMOVED");

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals("REMOVED", completed.get("outcome"));
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(4, history.size(), history.toString());
    assertLine(history.get(2), "SUBMITTED", "IN_REVIEW", "Meta status IN_REVIEW");
    assertLine(
        history.get(3), "IN_REVIEW", "COMPLETED", "Meta status COMPLETED, outcome CONTENT_REMOVED");
    awaitDeliveries(meta, request.id(), 2);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "RESTRICTED, RESTRICTED",
    "PRESERVED, PRESERVED",
    "NOT_FOUND, NOT_FOUND",
    "NO_VIOLATION, NO_VIOLATION",
    "DECLINED, DECLINED"
  })
  void eachOfMetasDecisionsArrivesAsTheGatewaysOutcome(String decision, String outcome) {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);

    meta.complete(request.id(), decision);

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals(outcome, completed.get("outcome"));
    assertEquals(
        "PRESERVED".equals(outcome),
        completed.get("preservedUntil") != null,
        "only a preservation has an end date: " + completed);
    assertEquals("partner-callback", gateway.lastHistoryLine(request.id()).get("source"));
  }

  /** A forgery of a delivery: the headers it comes with, given the body it carries. */
  interface Forgery {
    String[] headers(String body);
  }

  /**
   * Nothing that claims to be Meta is answered 401; a well-formed signature that does not match,
   * something claiming to be Meta and failing, is answered 403 (see MetaCallbacks).
   */
  static Stream<Arguments> forgeries() {
    return Stream.of(
        forgery(
            "a signature altered in one digit",
            403,
            body -> signature(HmacSha256.withLastDigitChanged(hmac(body)))),
        forgery(
            "a signature made with another app secret",
            403,
            body -> signature(HmacSha256.hex("not-the-app-secret", body))),
        forgery("the signature of another body", 403, body -> signature(hmac(body + " "))),
        forgery("no signature", 401, body -> new String[0]),
        forgery(
            "a SHA-1 signature",
            401,
            body -> new String[] {"X-Hub-Signature", "sha1=" + hmac(body).substring(0, 40)}),
        forgery(
            "a signature without its sha256= prefix",
            401,
            body -> new String[] {SIGNATURE, hmac(body)}));
  }

  private static Arguments forgery(String name, int status, Forgery forgery) {
    return Arguments.of(Named.of(name, forgery), status);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("forgeries")
  void aForgedDeliveryIsRefusedAndChangesNothing(Forgery forgery, int status) {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);
    Map<String, Object> before = gateway.request(request.id());
    String body =
        delivery(entry(change(request.partnerRef(), "COMPLETED", "CONTENT_REMOVED", now())));

    Api.Answer refused = gateway.postInvalidCallback("meta", body, forgery.headers(body));

    assertEquals(status, refused.status(), refused.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    // the very same body, signed with the app secret, is what moves the request
    Api.Answer genuine = gateway.postCallback("meta", body, SIGNATURE, "sha256=" + hmac(body));
    assertEquals(200, genuine.status(), genuine.body());
    assertEquals("COMPLETED", gateway.request(request.id()).get("status"));
  }

  @Test
  void aRedeliveredOrReplayedCompletionIsAcknowledgedAndRecordedAsADuplicate() {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);
    meta.complete(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    CallbackDelivery first = awaitDeliveries(meta, request.id(), 1).get(0);
    Map<String, Object> completed = gateway.request(request.id());

    meta.redeliverCallback(request.id());
    awaitDeliveries(meta, request.id(), 2);
    // Meta's signature carries no time: a captured delivery replayed byte for byte verifies again
    Api.Answer replayed =
        gateway.postCallback("meta", first.body(), SIGNATURE, first.headers().get(SIGNATURE));

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
          "ignored: duplicate COMPLETED/REMOVED (Meta status COMPLETED, outcome CONTENT_REMOVED)");
    }
  }

  @Test
  void oneDeliveryWithSeveralEntriesAndChangesMovesEveryRequestItNamesInOrder() {
    Submitted first = gateway.submitted(Cases.INSTAGRAM_URL);
    Submitted second = gateway.submitted(Cases.INSTAGRAM_URL);
    // Meta decided both; its notices travel together in one POST
    decideWithoutCallback(meta, first.id(), "review", null);
    Map<String, Object> firstInReview = change(meta.request(first.id()).orElseThrow());
    decideWithoutCallback(meta, first.id(), "complete", "REMOVED");
    decideWithoutCallback(meta, second.id(), "decline", "NO_VIOLATION");
    Map<String, Object> notStatus = new LinkedHashMap<>();
    notStatus.put("field", "description");
    notStatus.put("value", Map.of("request_id", second.partnerRef()));
    String body =
        delivery(
            entry(firstInReview, change(meta.request(first.id()).orElseThrow())),
            entry(notStatus, change(meta.request(second.id()).orElseThrow())));

    Api.Answer answer = gateway.postCallback("meta", body, SIGNATURE, "sha256=" + hmac(body));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(
        3, answer.json().get("received"), "three status changes, the other field left out");
    Map<String, Object> removed = gateway.request(first.id());
    assertEquals("REMOVED", removed.get("outcome"));
    List<Map<String, Object>> firstHistory = gateway.history(first.id());
    assertEquals(4, firstHistory.size(), firstHistory.toString());
    assertLine(firstHistory.get(2), "SUBMITTED", "IN_REVIEW", "Meta status IN_REVIEW");
    assertLine(
        firstHistory.get(3),
        "IN_REVIEW",
        "COMPLETED",
        "Meta status COMPLETED, outcome CONTENT_REMOVED");
    assertEquals("NO_VIOLATION", gateway.request(second.id()).get("outcome"));
    assertLine(
        gateway.lastHistoryLine(second.id()),
        "SUBMITTED",
        "COMPLETED",
        "Meta status DECLINED, decline_reason NO_VIOLATION_FOUND");
  }

  @Test
  void aReviewArrivingAfterTheCompletionDoesNotMoveTheRequestBack() {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);
    SandboxRequest completed = meta.complete(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    awaitDeliveries(meta, request.id(), 1);
    // the review notice Meta sent first, held up in transit, arrives last
    Instant reviewedAt = completed.updatedAt().minusSeconds(30);
    String late = delivery(entry(change(request.partnerRef(), "IN_REVIEW", null, reviewedAt)));

    Api.Answer answer = gateway.postCallback("meta", late, SIGNATURE, "sha256=" + hmac(late));

    assertEquals(200, answer.status(), "acknowledged, so that Meta stops redelivering it");
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    assertLine(
        gateway.lastHistoryLine(request.id()),
        "COMPLETED",
        "COMPLETED",
        "ignored: request is already COMPLETED; partner reports IN_REVIEW (Meta status IN_REVIEW)");
  }

  @Test
  void aReceivedArrivingAfterTheReviewIsIgnoredAsStale() {
    Submitted request = gateway.submitted(Cases.INSTAGRAM_URL);
    SandboxRequest inReview = meta.review(request.id());
    gateway.awaitStatus(request.id(), "IN_REVIEW");
    awaitDeliveries(meta, request.id(), 1);
    String late =
        delivery(
            entry(
                change(
                    request.partnerRef(), "RECEIVED", null, inReview.updatedAt().minusSeconds(5))));

    Api.Answer answer = gateway.postCallback("meta", late, SIGNATURE, "sha256=" + hmac(late));

    assertEquals(200, answer.status(), answer.body());
    assertEquals("IN_REVIEW", gateway.request(request.id()).get("status"));
    assertLine(
        gateway.lastHistoryLine(request.id()),
        "IN_REVIEW",
        "IN_REVIEW",
        "ignored: stale SUBMITTED after IN_REVIEW (Meta status RECEIVED)");
  }

  @Test
  void aSignedCallbackAboutAnUnknownRequestIsAcknowledgedAndKeptAsAnOrphan() {
    String unknown =
        Long.toString(
            1_700_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    String body = delivery(entry(change(unknown, "COMPLETED", "CONTENT_REMOVED", now())));

    Api.Answer answer = gateway.postCallback("meta", body, SIGNATURE, "sha256=" + hmac(body));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(
        List.of(
            Map.of(
                "platform", "META",
                "partner_ref", unknown,
                "state", "COMPLETED",
                "outcome", "REMOVED",
                "detail", "Meta status COMPLETED, outcome CONTENT_REMOVED")),
        gateway.orphans(Platform.META, unknown));
  }

  @Test
  void theSubscriptionHandshakeEchoesTheChallengeWhenTheVerifyTokenMatches() {
    Api.Answer answer =
        gateway.get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token="
                + MetaSimulator.VERIFY_TOKEN
                + "&hub.challenge=1158201444");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("1158201444", answer.body());
    assertTrue(
        answer.header("Content-Type").startsWith("text/plain"), answer.header("Content-Type"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a wrong verify token, hub.mode=subscribe&hub.verify_token=guessed&hub.challenge=42",
    "no verify token, hub.mode=subscribe&hub.challenge=42",
    "another mode, hub.mode=unsubscribe&hub.verify_token="
        + MetaSimulator.VERIFY_TOKEN
        + "&hub.challenge=42"
  })
  void theSubscriptionHandshakeIsRefusedWithoutTheVerifyToken(String why, String query) {
    Api.Answer answer = gateway.getInvalid("/webhooks/meta?" + query);

    assertEquals(403, answer.status(), answer.body());
    assertFalse(answer.body().contains("42"), "the challenge is not echoed: " + answer.body());
  }

  private static void assertLine(Map<String, Object> line, String from, String to, String detail) {
    assertEquals("partner-callback", line.get("source"), line.toString());
    assertEquals(from, line.get("from"), line.toString());
    assertEquals(to, line.get("to"), line.toString());
    assertEquals(detail, line.get("detail"), line.toString());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  @SafeVarargs
  private String delivery(Map<String, Object>... entries) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "legal_request");
    body.put("entry", List.of(entries));
    return api.toJson(body);
  }

  @SafeVarargs
  private static Map<String, Object> entry(Map<String, Object>... changes) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", MetaSimulator.AGENCY_ID);
    entry.put("time", Instant.now().getEpochSecond());
    entry.put("changes", List.of(changes));
    return entry;
  }

  /** A status change as Meta words it, from the sandbox's record of the request. */
  private static Map<String, Object> change(SandboxRequest request) {
    return change(request.id(), request.status(), request.outcome(), request.updatedAt());
  }

  /** {@code outcome} is the outcome of a COMPLETED request or the reason of a DECLINED one. */
  private static Map<String, Object> change(
      String requestId, String status, String outcome, Instant updatedAt) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("request_id", requestId);
    value.put("status", status);
    if ("COMPLETED".equals(status)) {
      value.put("outcome", outcome);
    } else if ("DECLINED".equals(status)) {
      value.put("decline_reason", outcome);
    }
    value.put("updated_time", updatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("field", "status");
    change.put("value", value);
    return change;
  }

  private static String hmac(String body) {
    return HmacSha256.hex(MetaSimulator.APP_SECRET, body);
  }

  private static String[] signature(String hex) {
    return new String[] {SIGNATURE, "sha256=" + hex};
  }
}
