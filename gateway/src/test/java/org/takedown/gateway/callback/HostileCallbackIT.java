package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.callback.CallbackFixture.Submitted;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.TikTokSimulator;

/**
 * Authentic callbacks (signed with the sandbox's secrets) whose content the gateway cannot store:
 * times far outside PostgreSQL's range, references and words with NUL. Each is acknowledged with a
 * 2xx, so that the partner does not redeliver it for ever, changes nothing, and is recorded as
 * refused: an {@code ignored: unreadable} line in the history of the request it names, or a log
 * line when it names none. Never a 5xx. Google's pushes are not here: they only make the gateway
 * poll.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCallbackIT extends WebhookITSupport {

  private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
  private static final String FAR_PAST = "-999999999-01-01T00:00:00Z";
  private static final String UNREADABLE = "ignored: unreadable update with ";

  private long orphansBefore;

  @BeforeEach
  void countOrphans() {
    orphansBefore = orphans();
  }

  // ---------------------------------------------------------------------------------- Meta

  @ParameterizedTest(name = "updated_time {0}")
  @ValueSource(strings = {FAR_FUTURE, FAR_PAST, "+10000-01-01T00:00:00Z", "0000-12-31T00:00:00Z"})
  void aMetaChangeWhoseUpdatedTimeIsOutOfRangeIsAcknowledgedAndRecordedAsRefused(String time) {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.META));
    Map<String, Object> value = metaValue(request.partnerRef(), "COMPLETED", "CONTENT_REMOVED");
    value.put("updated_time", time);

    Api.Answer answer = postHostileMeta(metaDelivery(value));

    assertEquals(200, answer.status(), answer.body());
    assertRefused(
        request.id(),
        "SUBMITTED",
        UNREADABLE
            + "a time of change outside the years 0001 to 9999"
            + " (Meta status COMPLETED, outcome CONTENT_REMOVED)");
  }

  @Test
  void aMetaPreservationWhosePreservedUntilIsOutOfRangeIsAcknowledgedAndRecordedAsRefused() {
    Submitted request = preservation(Platform.META);
    Map<String, Object> value = metaValue(request.partnerRef(), "COMPLETED", "DATA_PRESERVED");
    value.put("preserved_until", FAR_FUTURE);

    Api.Answer answer = postHostileMeta(metaDelivery(value));

    assertEquals(200, answer.status(), answer.body());
    assertRefused(
        request.id(),
        "SUBMITTED",
        UNREADABLE
            + "a preservation end outside the years 0001 to 9999"
            + " (Meta status COMPLETED, outcome DATA_PRESERVED)");
  }

  @Test
  void theReadableChangesOfADeliveryAreAppliedBesideAnUnreadableOne() {
    Submitted unreadable = gateway.submitted(Cases.freshUrl(Platform.META));
    Submitted readable = gateway.submitted(Cases.freshUrl(Platform.META));
    Map<String, Object> bad = metaValue(unreadable.partnerRef(), "IN_REVIEW", null);
    bad.put("updated_time", FAR_FUTURE);
    Map<String, Object> good = metaValue(readable.partnerRef(), "IN_REVIEW", null);

    Api.Answer answer = postHostileMeta(metaDelivery(bad, good));

    assertEquals(200, answer.status(), answer.body());
    assertEquals("IN_REVIEW", gateway.request(readable.id()).get("status"));
    assertRefused(
        unreadable.id(),
        "SUBMITTED",
        UNREADABLE + "a time of change outside the years 0001 to 9999 (Meta status IN_REVIEW)");
  }

  @ParameterizedTest(name = "request_id {0}")
  @ValueSource(strings = {"178\u0000451", "\u0000", "178\u001B[2J451", "long"})
  void aMetaChangeWhoseRequestIdNoRequestCanCarryIsAcknowledgedAndKeptNowhere(String requestId) {
    String id = requestId.equals("long") ? "1".repeat(600) : requestId;

    Api.Answer answer = postMeta(metaDelivery(metaValue(id, "COMPLETED", "CONTENT_REMOVED")));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(orphansBefore, orphans(), "no orphan is kept for an unreadable reference");
  }

  @Test
  void aMetaChangeOutOfRangeAboutAnUnknownRequestIsNotKeptAsAnOrphan() {
    Map<String, Object> value = metaValue("999000111222", "COMPLETED", "CONTENT_REMOVED");
    value.put("updated_time", FAR_FUTURE);

    Api.Answer answer = postHostileMeta(metaDelivery(value));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(orphansBefore, orphans(), "an orphan the gateway could not store is not kept");
  }

  // -------------------------------------------------------------------------------- TikTok

  @ParameterizedTest(name = "preserve_expire_time {0}")
  @ValueSource(strings = {"1000000000000000", "-1000000000000000", "253402300800", "1.5e15"})
  void aTikTokPreservationWhoseExpiryIsOutOfRangeIsAcknowledgedAndRecordedAsRefused(String expiry) {
    Submitted request = preservation(Platform.TIKTOK);
    long now = Instant.now().getEpochSecond();
    String content =
        "{\"request_id\":\"%s\",\"status\":\"COMPLETED\",\"result\":\"PRESERVED\",\"update_time\":%d,\"preserve_expire_time\":%s}"
            .formatted(request.partnerRef(), now, expiry);

    Api.Answer answer = postTikTok(content);

    assertEquals(200, answer.status(), answer.body());
    assertRefused(
        request.id(),
        "SUBMITTED",
        UNREADABLE
            + "a preservation end outside the years 0001 to 9999"
            + " (TikTok status COMPLETED, result PRESERVED)");
  }

  @Test
  void aTikTokUpdateWhoseUpdateTimeIsOutOfRangeIsAcknowledgedAndRecordedAsRefused() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.TIKTOK));
    String content =
        "{\"request_id\":\"%s\",\"status\":\"COMPLETED\",\"result\":\"REMOVED\",\"update_time\":-99999999999999}"
            .formatted(request.partnerRef());

    Api.Answer answer = postTikTok(content);

    assertEquals(200, answer.status(), answer.body());
    assertRefused(
        request.id(),
        "SUBMITTED",
        UNREADABLE
            + "a time of change outside the years 0001 to 9999"
            + " (TikTok status COMPLETED, result REMOVED)");
  }

  @ParameterizedTest(name = "update_time {0}")
  @ValueSource(strings = {"9223372036854775807", "-9223372036854775808"})
  void aTikTokUpdateTimeBeyondAnyDateIsAcknowledgedAndLeftOut(String updateTime) {
    // seconds no java.time.Instant can hold: the adapter cannot read the time at all, as with a
    // Meta time in words it does not know, and leaves the update out (logged)
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.TIKTOK));
    Map<String, Object> before = gateway.request(request.id());
    String content =
        "{\"request_id\":\"%s\",\"status\":\"COMPLETED\",\"result\":\"REMOVED\",\"update_time\":%s}"
            .formatted(request.partnerRef(), updateTime);

    Api.Answer answer = postTikTok(content);

    assertEquals(200, answer.status(), answer.body());
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\"update_time\":1,\"preserve_expire_time\":1e300",
        "\"update_time\":99999999999999999999999"
      })
  void aTikTokTimeNoWholeNumberOfSecondsCanHoldIsUnreadableAndAnswered400(String times) {
    // like any verified callback whose content cannot be read (docs/decisions/0025): TikTok's
    // dashboard shows it
    Submitted request = preservation(Platform.TIKTOK);
    Map<String, Object> before = gateway.request(request.id());
    String content =
        "{\"request_id\":\"%s\",\"status\":\"COMPLETED\",\"result\":\"PRESERVED\",%s}"
            .formatted(request.partnerRef(), times);

    Api.Answer answer = postTikTok(content);

    assertEquals(400, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:callback-unreadable", answer.json().get("type"));
    assertEquals(before, gateway.request(request.id()), "status and history unchanged");
  }

  @ParameterizedTest(name = "request_id {0}")
  @ValueSource(strings = {"7390\u00001234", "\u0000", "long"})
  void aTikTokUpdateWhoseRequestIdNoRequestCanCarryIsAcknowledgedAndKeptNowhere(String requestId) {
    String id = requestId.equals("long") ? "7".repeat(600) : requestId;
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("request_id", id);
    content.put("status", "COMPLETED");
    content.put("result", "REMOVED");
    content.put("update_time", Instant.now().getEpochSecond());

    Api.Answer answer = postTikTok(api.toJson(content));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(orphansBefore, orphans(), "no orphan is kept for an unreadable reference");
  }

  @Test
  void aTikTokRejectionWhoseResultHoldsANulIsAcknowledgedAndRecordedAsRefused() {
    Submitted request = gateway.submitted(Cases.freshUrl(Platform.TIKTOK));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("request_id", request.partnerRef());
    content.put("status", "REJECTED");
    content.put("result", "NOT\u0000FOUND");
    content.put("update_time", Instant.now().getEpochSecond());

    Api.Answer answer = postTikTok(api.toJson(content));

    assertEquals(200, answer.status(), answer.body());
    assertRefused(request.id(), "SUBMITTED", UNREADABLE + "wording with control characters");
  }

  // ------------------------------------------------------------------------------- helpers

  /** The request stayed where it was, and its last history line records the refusal. */
  private void assertRefused(String id, String status, String detail) {
    Map<String, Object> request = gateway.request(id);
    assertEquals(status, request.get("status"), request.toString());
    Map<String, Object> last = gateway.lastHistoryLine(id);
    assertEquals("partner-callback", last.get("source"), last.toString());
    assertEquals(status, last.get("from"), last.toString());
    assertEquals(status, last.get("to"), last.toString());
    assertEquals(detail, last.get("detail"), last.toString());
  }

  private Submitted preservation(Platform platform) {
    return gateway.submitted(Cases.freshUrl(platform), "PRESERVATION");
  }

  private long orphans() {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT count(*) FROM callback_orphan",
                statement -> {
                  try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                  }
                }));
  }

  /** A Meta status change's {@code value}, as a Meta callback words it. */
  private static Map<String, Object> metaValue(String requestId, String status, String outcome) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("request_id", requestId);
    value.put("status", status);
    if (outcome != null) {
      value.put("outcome", outcome);
    }
    value.put("updated_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return value;
  }

  @SafeVarargs
  private String metaDelivery(Map<String, Object>... values) {
    List<Map<String, Object>> changes =
        java.util.Arrays.stream(values)
            .map(value -> Map.<String, Object>of("field", "status", "value", value))
            .toList();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", MetaSimulator.AGENCY_ID);
    entry.put("time", Instant.now().getEpochSecond());
    entry.put("changes", changes);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "legal_request");
    body.put("entry", List.of(entry));
    return api.toJson(body);
  }

  /** POSTs a Meta delivery signed with the sandbox's app secret. */
  /** A signed Meta delivery holding what the OpenAPI document does not allow, on purpose. */
  private Api.Answer postHostileMeta(String body) {
    return gateway.postInvalidCallback(
        "meta",
        body,
        "X-Hub-Signature-256",
        "sha256=" + HmacSha256.hex(MetaSimulator.APP_SECRET, body));
  }

  private Api.Answer postMeta(String body) {
    return gateway.postCallback(
        "meta",
        body,
        "X-Hub-Signature-256",
        "sha256=" + HmacSha256.hex(MetaSimulator.APP_SECRET, body));
  }

  /** POSTs a TikTok status update carrying {@code content}, signed now with the client secret. */
  private Api.Answer postTikTok(String content) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("client_key", TikTokSimulator.CLIENT_KEY);
    body.put("event", "legal_request.status_update");
    body.put("create_time", Instant.now().getEpochSecond());
    body.put("content", content);
    String raw = api.toJson(body);
    long now = Instant.now().getEpochSecond();
    String mac = HmacSha256.hex(TikTokSimulator.CLIENT_SECRET, now + "." + raw);
    return gateway.postCallback("tiktok", raw, "TikTok-Signature", "t=" + now + ",s=" + mac);
  }
}
