package org.takedown.adapters.tiktok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.takedown.adapters.tiktok.FakeTikTok.CLIENT_KEY;
import static org.takedown.adapters.tiktok.FakeTikTok.CLIENT_SECRET;
import static org.takedown.adapters.tiktok.FakeTikTok.START;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackOutcome.RefusalCode;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

class TikTokCallbacksTest {

  private static final String REQUEST_ID = "7301000000000000001";
  private static final long UPDATE_TIME = 1793606400L; // 2026-11-02T08:00:00Z
  private static final long PRESERVE_EXPIRE_TIME = 1801386000L; // 2027-01-31T09:00:00Z
  private static final String REMOVED =
      content(
          "{\"request_id\":\"7301000000000000001\",\"status\":\"COMPLETED\",\"result\":\"REMOVED\","
              + "\"update_time\":1793606400}");
  private static final CallbackOutcome REMOVED_UPDATE =
      new CallbackOutcome.Verified(
          List.of(
              new PartnerUpdate(
                  PartnerRef.of(REQUEST_ID),
                  PartnerState.COMPLETED,
                  Outcome.REMOVED,
                  null,
                  Instant.ofEpochSecond(UPDATE_TIME),
                  "TikTok status COMPLETED, result REMOVED")));

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void speaksForTikTok() {
    assertEquals(Platform.TIKTOK, callbacks().platform());
  }

  @Test
  void verifiesASignedStatusUpdateAndReadsTheContentString() {
    CallbackOutcome outcome = callbacks().receive(signedNow(REMOVED));

    assertEquals(REMOVED_UPDATE, outcome);
  }

  @Test
  void decodesPreserveExpireTimeFromTheContent() {
    String preserved =
        content(
            "{\"request_id\":\"7301000000000000001\",\"status\":\"COMPLETED\","
                + "\"result\":\"PRESERVED\",\"update_time\":1793606400,"
                + "\"preserve_expire_time\":"
                + PRESERVE_EXPIRE_TIME
                + "}");

    CallbackOutcome outcome = callbacks().receive(signedNow(preserved));

    assertEquals(
        new CallbackOutcome.Verified(
            List.of(
                new PartnerUpdate(
                    PartnerRef.of(REQUEST_ID),
                    PartnerState.COMPLETED,
                    Outcome.PRESERVED,
                    Instant.parse("2027-01-31T09:00:00Z"),
                    Instant.parse("2026-11-02T08:00:00Z"),
                    "TikTok status COMPLETED, result PRESERVED"))),
        outcome);
  }

  @ParameterizedTest(name = "{0} + {1} is {2} / {3}")
  @CsvSource({
    "PENDING, null, SUBMITTED, , TikTok status PENDING",
    "PROCESSING, null, IN_REVIEW, , TikTok status PROCESSING",
    "COMPLETED, '\"GEO_RESTRICTED\"', COMPLETED, RESTRICTED, 'TikTok status COMPLETED, result GEO_RESTRICTED'",
    "REJECTED, '\"NOT_FOUND\"', COMPLETED, NOT_FOUND, 'TikTok status REJECTED, result NOT_FOUND'",
    "REJECTED, '\"NO_VIOLATION\"', COMPLETED, NO_VIOLATION, 'TikTok status REJECTED, result NO_VIOLATION'"
  })
  void mapsTheContentLikeAStatusQuery(
      String status, String result, PartnerState state, Outcome outcome, String detail) {
    String body =
        content(
            "{\"request_id\":\"7301000000000000001\",\"status\":\""
                + status
                + "\",\"result\":"
                + result
                + ",\"update_time\":1793606400}");

    assertEquals(
        new CallbackOutcome.Verified(
            List.of(
                new PartnerUpdate(
                    PartnerRef.of(REQUEST_ID),
                    state,
                    outcome,
                    null,
                    Instant.ofEpochSecond(UPDATE_TIME),
                    detail))),
        callbacks().receive(signedNow(body)));
  }

  @Test
  void refusesACallbackSignedWithAnotherSecret() {
    long t = START.getEpochSecond();
    String forged = "t=" + t + ",s=" + hmacHex("another-client-secret", t, REMOVED);

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "TikTok callback signature does not match"),
        callbacks().receive(callback(REMOVED, forged)));
  }

  @Test
  void refusesATamperedBody() {
    String header = signature(START.getEpochSecond(), REMOVED);
    String tampered = REMOVED.replace("REMOVED", "GEO_RESTRICTED");

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "TikTok callback signature does not match"),
        callbacks().receive(callback(tampered, header)));
  }

  @Test
  void refusesATimestampChangedAfterSigning() {
    long signedAt = START.getEpochSecond() - 3_600;
    String mac = hmacHex(CLIENT_SECRET, signedAt, REMOVED);
    String refreshed = "t=" + START.getEpochSecond() + ",s=" + mac;

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "TikTok callback signature does not match"),
        callbacks().receive(callback(REMOVED, refreshed)));
  }

  @Test
  void refusesASignature301SecondsOld() {
    CallbackRequest stale = callback(REMOVED, signature(START.getEpochSecond() - 301, REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.STALE,
            "TikTok callback signed 301 s from now, beyond the 300 s tolerance"),
        callbacks().receive(stale));
  }

  @Test
  void acceptsASignatureExactly300SecondsOld() {
    CallbackRequest old = callback(REMOVED, signature(START.getEpochSecond() - 300, REMOVED));

    assertEquals(REMOVED_UPDATE, callbacks().receive(old));
  }

  @Test
  void refusesASignatureFromTooFarInTheFuture() {
    CallbackRequest early = callback(REMOVED, signature(START.getEpochSecond() + 301, REMOVED));

    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.STALE,
            "TikTok callback signed 301 s from now, beyond the 300 s tolerance"),
        callbacks().receive(early));
  }

  @Test
  void verifiesARedeliveryWithinTheToleranceButNotOnceItIsStale() {
    PartnerCallbacks callbacks = callbacks();
    CallbackRequest delivery = signedNow(REMOVED);

    CallbackOutcome first = callbacks.receive(delivery);
    tiktok.clock.advance(Duration.ofSeconds(299));
    CallbackOutcome redelivered = callbacks.receive(delivery);
    tiktok.clock.advance(Duration.ofSeconds(2));
    CallbackOutcome replayedLate = callbacks.receive(delivery);

    assertEquals(REMOVED_UPDATE, first);
    assertEquals(REMOVED_UPDATE, redelivered);
    assertEquals(
        new CallbackOutcome.Refused(
            401,
            RefusalCode.STALE,
            "TikTok callback signed 301 s from now, beyond the 300 s tolerance"),
        replayedLate);
  }

  @Test
  void refusesACallbackWithoutSignature() {
    CallbackRequest unsigned =
        new CallbackRequest("POST", Map.of(), Map.of(), REMOVED.getBytes(StandardCharsets.UTF_8));

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "TikTok callback without TikTok-Signature"),
        callbacks().receive(unsigned));
  }

  @ParameterizedTest(name = "header {0}")
  @ValueSource(
      strings = {
        "",
        "t=1793610000",
        "s=HEX,t=1793610000",
        "t=soon,s=HEX",
        "t=1793610000,s=not-hex",
        "t=1793610000,s=abcdef",
        "t=1793610000;s=HEX",
        "v1=HEX"
      })
  void refusesAMalformedSignatureHeader(String header) {
    String hex = hmacHex(CLIENT_SECRET, START.getEpochSecond(), REMOVED);

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "TikTok callback with a malformed TikTok-Signature"),
        callbacks().receive(callback(REMOVED, header.replace("HEX", hex))));
  }

  @Test
  void refusesAnAuthenticCallbackForAnotherClientKey() {
    String foreign = REMOVED.replace(CLIENT_KEY, "another-client-key");

    assertEquals(
        new CallbackOutcome.Refused(
            403, RefusalCode.FOREIGN, "TikTok callback for another client_key"),
        callbacks().receive(signedNow(foreign)));
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| TikTok callback body is not a TikTok event",
        "{\"client_key\": \"test-client-key\", \"content\": | TikTok callback body is not a TikTok event",
        "{\"client_key\": \"test-client-key\", \"event\": \"legal_request.status_update\", \"content\": {\"request_id\": \"1\"}}"
            + "| TikTok callback body is not a TikTok event",
        "{\"client_key\": \"test-client-key\", \"event\": \"legal_request.status_update\"}"
            + "| TikTok status update without readable content and request_id",
        "{\"client_key\": \"test-client-key\", \"event\": \"legal_request.status_update\", \"content\": \"{not json\"}"
            + "| TikTok status update without readable content and request_id",
        "{\"client_key\": \"test-client-key\", \"event\": \"legal_request.status_update\", \"content\": \"{\\\"status\\\":\\\"PENDING\\\"}\"}"
            + "| TikTok status update without readable content and request_id"
      })
  void answersAnAuthenticBodyItCannotReadAsUnreadable(String body, String reason) {
    assertEquals(new CallbackOutcome.Unreadable(reason), callbacks().receive(signedNow(body)));
  }

  @Test
  void acknowledgesOtherEventsWithoutUpdates() {
    String other = REMOVED.replace("legal_request.status_update", "legal_request.comment_added");

    assertEquals(new CallbackOutcome.Verified(List.of()), callbacks().receive(signedNow(other)));
  }

  @Test
  void acknowledgesAStatusItCannotMapWithoutUpdates() {
    String unknown = REMOVED.replace("COMPLETED", "ESCALATED");

    assertEquals(new CallbackOutcome.Verified(List.of()), callbacks().receive(signedNow(unknown)));
  }

  @Test
  void refusesOtherMethods() {
    CallbackRequest get =
        new CallbackRequest(
            "GET",
            Map.of("tiktok-signature", List.of(signature(START.getEpochSecond(), ""))),
            Map.of(),
            new byte[0]);

    assertEquals(
        new CallbackOutcome.Refused(403, RefusalCode.METHOD, "TikTok callbacks are POSTs"),
        callbacks().receive(get));
  }

  @Test
  void keepsTheSignatureOutOfRefusalReasons() {
    String forged = hmacHex("another-client-secret", START.getEpochSecond(), REMOVED);

    String reason =
        callbacks()
            .receive(callback(REMOVED, "t=" + START.getEpochSecond() + ",s=" + forged))
            .toString();

    assertFalse(reason.contains(forged), reason);
    assertFalse(reason.contains(CLIENT_SECRET), reason);
  }

  private PartnerCallbacks callbacks() {
    return tiktok.context().getBean(TikTokCallbacks.class);
  }

  /** A status-update callback whose {@code content} is {@code json}, encoded as a string. */
  private static String content(String json) {
    return "{\"client_key\": \""
        + CLIENT_KEY
        + "\", \"event\": \"legal_request.status_update\", \"create_time\": 1793610000,"
        + " \"content\": \""
        + json.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"}";
  }

  private static CallbackRequest signedNow(String body) {
    return callback(body, signature(START.getEpochSecond(), body));
  }

  private static CallbackRequest callback(String body, String signatureHeader) {
    return new CallbackRequest(
        "POST",
        Map.of(
            "tiktok-signature",
            List.of(signatureHeader),
            "content-type",
            List.of("application/json")),
        Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String signature(long t, String body) {
    return "t=" + t + ",s=" + hmacHex(CLIENT_SECRET, t, body);
  }

  /** TikTok's signature, computed here independently of the code under test. */
  private static String hmacHex(String secret, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
