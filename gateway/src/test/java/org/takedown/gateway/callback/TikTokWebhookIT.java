package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.takedown.gateway.callback.CallbackFixture.awaitDeliveries;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.callback.CallbackFixture.Submitted;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.CallbackDelivery;
import org.takedown.sandbox.SandboxRequest;
import org.takedown.sandbox.TikTokSimulator;

/**
 * TikTok's callbacks through the gateway's real {@code /webhooks/tiktok} (PARTNERS.md, TikTok
 * "Callbacks"): the sandbox's signed events move requests; forged and stale ones change nothing;
 * replays and late events are applied once, forwards only. Polling is off, so only callbacks can
 * move a request.
 *
 * <p>There is no batch to test: a TikTok event carries one request's status in its {@code content}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TikTokWebhookIT extends WebhookITSupport {

  private static final String SIGNATURE = "TikTok-Signature";

  private final TikTokSimulator tiktok = TestGateway.sandbox().tiktok();

  @Test
  void signedProcessingThenCompletionFromTikTokCarryTheRequestToItsOutcome() {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);

    tiktok.review(request.id());
    gateway.awaitStatus(request.id(), "IN_REVIEW");
    tiktok.complete(request.id(), "REMOVED");

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals("REMOVED", completed.get("outcome"));
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(4, history.size(), history.toString());
    assertLine(history.get(2), "SUBMITTED", "IN_REVIEW", "TikTok status PROCESSING");
    assertLine(history.get(3), "IN_REVIEW", "COMPLETED", "TikTok status COMPLETED, result REMOVED");
    awaitDeliveries(tiktok, request.id(), 2);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "RESTRICTED, RESTRICTED",
    "PRESERVED, PRESERVED",
    "NOT_FOUND, NOT_FOUND",
    "NO_VIOLATION, NO_VIOLATION"
  })
  void eachOfTikToksDecisionsArrivesAsTheGatewaysOutcome(String decision, String outcome) {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);

    tiktok.complete(request.id(), decision);

    Map<String, Object> completed = gateway.awaitStatus(request.id(), "COMPLETED");
    assertEquals(outcome, completed.get("outcome"));
    assertEquals(
        "PRESERVED".equals(outcome),
        completed.get("preservedUntil") != null,
        "only a preservation has an end date: " + completed);
    assertEquals("partner-callback", gateway.lastHistoryLine(request.id()).get("source"));
  }

  /** A forgery of an event: the headers it comes with, given its body and the time it claims. */
  interface Forgery {
    String[] headers(String body, long timestamp);
  }

  static Stream<Arguments> forgeries() {
    return Stream.of(
        forgery(
            "a MAC made with another client secret",
            (body, t) -> header(t, HmacSha256.hex("not-the-client-secret", t + "." + body))),
        forgery(
            "a MAC altered in one digit",
            (body, t) -> header(t, HmacSha256.withLastDigitChanged(mac(t, body)))),
        forgery("the MAC of another body", (body, t) -> header(t, mac(t, body + " "))),
        forgery(
            "a MAC of the body alone, without the timestamp",
            (body, t) -> header(t, HmacSha256.hex(TikTokSimulator.CLIENT_SECRET, body))),
        forgery("a timestamp changed after signing", (body, t) -> header(t + 1, mac(t, body))),
        forgery(
            "a signature without its timestamp",
            (body, t) -> new String[] {SIGNATURE, "s=" + mac(t, body)}),
        forgery("no signature", (body, t) -> new String[0]));
  }

  private static Arguments forgery(String name, Forgery forgery) {
    return Arguments.of(Named.of(name, forgery));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void aForgedEventIsRefusedAndChangesNothing(Forgery forgery) {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);
    Map<String, Object> before = gateway.request(request.id());
    long now = Instant.now().getEpochSecond();
    String body = event(TikTokSimulator.CLIENT_KEY, request.partnerRef(), "COMPLETED", "REMOVED");

    Api.Answer refused = gateway.postInvalidCallback("tiktok", body, forgery.headers(body, now));

    assertEquals(401, refused.status(), refused.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    // the very same body, signed with the client secret, is what moves the request
    Api.Answer genuine = gateway.postCallback("tiktok", body, header(now, mac(now, body)));
    assertEquals(200, genuine.status(), genuine.body());
    assertEquals("COMPLETED", gateway.request(request.id()).get("status"));
  }

  @Test
  void anAuthenticEventForAnotherAppIsRefusedAndChangesNothing() {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);
    Map<String, Object> before = gateway.request(request.id());
    long now = Instant.now().getEpochSecond();
    String body = event("another-apps-client-key", request.partnerRef(), "COMPLETED", "REMOVED");

    Api.Answer refused = gateway.postCallback("tiktok", body, header(now, mac(now, body)));

    assertEquals(403, refused.status(), refused.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
  }

  @ParameterizedTest(name = "signed {0} s from now")
  @ValueSource(longs = {-360, -3600, 360})
  void anEventSignedMoreThanFiveMinutesFromNowIsRefusedAsStale(long offsetSeconds) {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);
    Map<String, Object> before = gateway.request(request.id());
    long now = Instant.now().getEpochSecond();
    long signedAt = now + offsetSeconds;
    String body = event(TikTokSimulator.CLIENT_KEY, request.partnerRef(), "COMPLETED", "REMOVED");

    Api.Answer stale = gateway.postCallback("tiktok", body, header(signedAt, mac(signedAt, body)));

    assertEquals(401, stale.status(), stale.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
    // four minutes old is within TikTok's five: the same event is accepted
    long recently = now - 240;
    Api.Answer fresh = gateway.postCallback("tiktok", body, header(recently, mac(recently, body)));
    assertEquals(200, fresh.status(), fresh.body());
    assertEquals("COMPLETED", gateway.request(request.id()).get("status"));
  }

  @Test
  void aRedeliveredOrReplayedCompletionIsAcknowledgedAndRecordedAsADuplicate() {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);
    tiktok.complete(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    CallbackDelivery first = awaitDeliveries(tiktok, request.id(), 1).get(0);
    Map<String, Object> completed = gateway.request(request.id());

    tiktok.redeliverCallback(request.id());
    awaitDeliveries(tiktok, request.id(), 2);
    // a captured event replayed byte for byte within five minutes still verifies (older ones are
    // stale, see above); applying it again must change nothing
    Api.Answer replayed =
        gateway.postCallback("tiktok", first.body(), SIGNATURE, first.headers().get(SIGNATURE));

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
          "ignored: duplicate COMPLETED/REMOVED (TikTok status COMPLETED, result REMOVED)");
    }
  }

  @Test
  void processingArrivingAfterTheCompletionDoesNotMoveTheRequestBack() {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);
    SandboxRequest completed = tiktok.complete(request.id(), "REMOVED");
    gateway.awaitStatus(request.id(), "COMPLETED");
    awaitDeliveries(tiktok, request.id(), 1);
    // the PROCESSING event TikTok sent first, held up in transit, arrives last
    long now = Instant.now().getEpochSecond();
    String late =
        event(
            TikTokSimulator.CLIENT_KEY,
            request.partnerRef(),
            "PROCESSING",
            null,
            completed.updatedAt().getEpochSecond() - 30);

    Api.Answer answer = gateway.postCallback("tiktok", late, header(now, mac(now, late)));

    assertEquals(200, answer.status(), "acknowledged, so that TikTok stops redelivering it");
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    assertLine(
        gateway.lastHistoryLine(request.id()),
        "COMPLETED",
        "COMPLETED",
        "ignored: request is already COMPLETED; partner reports IN_REVIEW (TikTok status"
            + " PROCESSING)");
  }

  @Test
  void processingAndCompletionSentBackToBackLeaveTheRequestCompletedWhicheverArrivesFirst() {
    Submitted request = gateway.submitted(Cases.TIKTOK_URL);

    // delivered concurrently, as TikTok may: the gateway can receive them in either order
    tiktok.review(request.id());
    tiktok.complete(request.id(), "REMOVED");

    awaitDeliveries(tiktok, request.id(), 2);
    Map<String, Object> after = gateway.request(request.id());
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    List<Map<String, Object>> history = gateway.history(request.id());
    assertEquals(4, history.size(), history.toString());
    String completion = "TikTok status COMPLETED, result REMOVED";
    if ("IN_REVIEW".equals(history.get(2).get("to"))) {
      assertLine(history.get(2), "SUBMITTED", "IN_REVIEW", "TikTok status PROCESSING");
      assertLine(history.get(3), "IN_REVIEW", "COMPLETED", completion);
    } else {
      assertLine(history.get(2), "SUBMITTED", "COMPLETED", completion);
      assertLine(
          history.get(3),
          "COMPLETED",
          "COMPLETED",
          "ignored: request is already COMPLETED; partner reports IN_REVIEW (TikTok status"
              + " PROCESSING)");
    }
  }

  @Test
  void aSignedEventAboutAnUnknownRequestIsAcknowledgedAndKeptAsAnOrphan() {
    String unknown = "unknown-" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    long now = Instant.now().getEpochSecond();
    String body = event(TikTokSimulator.CLIENT_KEY, unknown, "REJECTED", "NOT_FOUND");

    Api.Answer answer = gateway.postCallback("tiktok", body, header(now, mac(now, body)));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(
        List.of(
            Map.of(
                "platform", "TIKTOK",
                "partner_ref", unknown,
                "state", "COMPLETED",
                "outcome", "NOT_FOUND",
                "detail", "TikTok status REJECTED, result NOT_FOUND")),
        gateway.orphans(Platform.TIKTOK, unknown));
  }

  private static void assertLine(Map<String, Object> line, String from, String to, String detail) {
    assertEquals("partner-callback", line.get("source"), line.toString());
    assertEquals(from, line.get("from"), line.toString());
    assertEquals(to, line.get("to"), line.toString());
    assertEquals(detail, line.get("detail"), line.toString());
  }

  private String event(String clientKey, String requestId, String status, String result) {
    return event(clientKey, requestId, status, result, Instant.now().getEpochSecond());
  }

  /** A status update as TikTok sends it: {@code content} is a JSON document in a string. */
  private String event(
      String clientKey, String requestId, String status, String result, long updateTime) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("request_id", requestId);
    content.put("status", status);
    content.put("result", result);
    content.put("update_time", updateTime);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("client_key", clientKey);
    body.put("event", "legal_request.status_update");
    body.put("create_time", Instant.now().getEpochSecond());
    body.put("content", api.toJson(content));
    return api.toJson(body);
  }

  /** {@code hex HMAC-SHA256(client-secret, t + "." + raw body)}. */
  private static String mac(long timestamp, String body) {
    return HmacSha256.hex(TikTokSimulator.CLIENT_SECRET, timestamp + "." + body);
  }

  private static String[] header(long timestamp, String mac) {
    return new String[] {SIGNATURE, "t=" + timestamp + ",s=" + mac};
  }
}
