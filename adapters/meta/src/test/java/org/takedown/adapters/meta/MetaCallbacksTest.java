package org.takedown.adapters.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.takedown.adapters.meta.GraphStub.APP_SECRET;
import static org.takedown.adapters.meta.GraphStub.VERIFY_TOKEN;

import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

class MetaCallbacksTest {

  /** Two entries of two status changes each, as Meta batches them. */
  private static final String BATCH =
      """
      { "object": "legal_request",
        "entry": [
          { "id": "998877665544", "time": 1718900000,
            "changes": [
              { "field": "status",
                "value": { "request_id": "1784512345678901", "status": "IN_REVIEW",
                           "updated_time": "2024-06-21T08:00:00Z" } },
              { "field": "status",
                "value": { "request_id": "1784512345678901", "status": "COMPLETED",
                           "outcome": "CONTENT_REMOVED", "updated_time": "2024-06-21T08:30:00Z" } } ] },
          { "id": "998877665544", "time": 1718900100,
            "changes": [
              { "field": "status",
                "value": { "request_id": "1784512345678902", "status": "COMPLETED",
                           "outcome": "DATA_PRESERVED", "updated_time": "2024-06-21T09:00:00Z",
                           "preserved_until": "2024-09-19T09:00:00Z" } },
              { "field": "status",
                "value": { "request_id": "1784512345678903", "status": "DECLINED",
                           "decline_reason": "CONTENT_NOT_FOUND",
                           "updated_time": "2024-06-21T10:00:00Z" } } ] } ] }
      """;

  private static final List<PartnerUpdate> BATCH_UPDATES =
      List.of(
          new PartnerUpdate(
              PartnerRef.of("1784512345678901"),
              PartnerState.IN_REVIEW,
              null,
              null,
              Instant.parse("2024-06-21T08:00:00Z"),
              "Meta status IN_REVIEW"),
          new PartnerUpdate(
              PartnerRef.of("1784512345678901"),
              PartnerState.COMPLETED,
              Outcome.REMOVED,
              null,
              Instant.parse("2024-06-21T08:30:00Z"),
              "Meta status COMPLETED, outcome CONTENT_REMOVED"),
          new PartnerUpdate(
              PartnerRef.of("1784512345678902"),
              PartnerState.COMPLETED,
              Outcome.PRESERVED,
              Instant.parse("2024-09-19T09:00:00Z"),
              Instant.parse("2024-06-21T09:00:00Z"),
              "Meta status COMPLETED, outcome DATA_PRESERVED"),
          new PartnerUpdate(
              PartnerRef.of("1784512345678903"),
              PartnerState.COMPLETED,
              Outcome.NOT_FOUND,
              null,
              Instant.parse("2024-06-21T10:00:00Z"),
              "Meta status DECLINED, decline_reason CONTENT_NOT_FOUND"));

  private static ApplicationContext ctx;
  private static PartnerCallbacks callbacks;

  @BeforeAll
  static void start() {
    ctx = ApplicationContext.run(properties(APP_SECRET, VERIFY_TOKEN));
    callbacks = ctx.getBean(MetaCallbacks.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void speaksForMeta() {
    assertEquals(Platform.META, callbacks.platform());
  }

  @Test
  void echoesTheChallengeWhenTheVerifyTokenMatches() {
    CallbackOutcome outcome = callbacks.receive(handshake("subscribe", VERIFY_TOKEN, "1158201444"));

    assertEquals(new CallbackOutcome.Handshake("1158201444"), outcome);
  }

  @ParameterizedTest(name = "mode {0}, token {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "subscribe, wrong-token, Meta handshake with a wrong hub.verify_token",
        "subscribe, test-verify-toke, Meta handshake with a wrong hub.verify_token",
        "subscribe, test-verify-token-and-more, Meta handshake with a wrong hub.verify_token",
        "subscribe, -, Meta handshake with a wrong hub.verify_token",
        "unsubscribe, test-verify-token, Meta handshake without hub.mode=subscribe",
        "-, test-verify-token, Meta handshake without hub.mode=subscribe"
      })
  void refusesTheHandshakeWithoutTheRightModeAndToken(String mode, String token, String reason) {
    CallbackOutcome outcome = callbacks.receive(handshake(mode, token, "1158201444"));

    assertEquals(new CallbackOutcome.Refused(403, RefusalCode.TOKEN, reason), outcome);
  }

  @Test
  void cannotAnswerAnAuthenticHandshakeWithoutChallenge() {
    assertEquals(
        new CallbackOutcome.Unreadable("Meta handshake without hub.challenge"),
        callbacks.receive(handshake("subscribe", VERIFY_TOKEN, null)));
  }

  @Test
  void readsEveryStatusChangeOfEveryEntryOfASignedBatchInOrder() {
    CallbackOutcome outcome = callbacks.receive(signed(BATCH, APP_SECRET));

    assertEquals(new CallbackOutcome.Verified(BATCH_UPDATES), outcome);
  }

  @Test
  void acceptsAnUpperCaseHexSignature() {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);

    CallbackOutcome outcome =
        callbacks.receive(delivery(body, "sha256=" + hmacHex(APP_SECRET, body).toUpperCase()));

    assertEquals(new CallbackOutcome.Verified(BATCH_UPDATES), outcome);
  }

  @Test
  void verifiesARedeliveredBatchAgainWithTheSameUpdates() {
    CallbackRequest delivery = signed(BATCH, APP_SECRET);

    CallbackOutcome first = callbacks.receive(delivery);
    CallbackOutcome again = callbacks.receive(delivery);

    assertEquals(new CallbackOutcome.Verified(BATCH_UPDATES), first);
    assertEquals(first, again);
  }

  @Test
  void leavesOutChangesOfOtherFieldsAndStatusesItCannotMap() {
    String mixed =
        """
        { "object": "legal_request",
          "entry": [
            { "id": "998877665544", "time": 1718900000,
              "changes": [
                { "field": "comment", "value": { "request_id": "1784512345678901" } },
                { "field": "status",
                  "value": { "request_id": "1784512345678904", "status": "ON_HOLD" } },
                { "field": "status", "value": { "status": "RECEIVED" } },
                { "field": "status",
                  "value": { "request_id": "1784512345678905", "status": "RECEIVED" } } ] },
            { "id": "998877665544", "time": 1718900100 } ] }
        """;

    CallbackOutcome outcome = callbacks.receive(signed(mixed, APP_SECRET));

    assertEquals(
        new CallbackOutcome.Verified(
            List.of(
                new PartnerUpdate(
                    PartnerRef.of("1784512345678905"),
                    PartnerState.SUBMITTED,
                    null,
                    null,
                    null,
                    "Meta status RECEIVED"))),
        outcome);
  }

  @Test
  void refusesABatchSignedWithAnotherSecretAs403() {
    CallbackOutcome outcome = callbacks.receive(signed(BATCH, "another-app-secret"));

    assertEquals(
        new CallbackOutcome.Refused(
            403, RefusalCode.SIGNATURE, "Meta delivery signature does not match"),
        outcome);
  }

  @Test
  void refusesATamperedBodyAs403() {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    byte[] tampered =
        BATCH.replace("CONTENT_NOT_FOUND", "NO_VIOLATION_FOUND").getBytes(StandardCharsets.UTF_8);

    CallbackOutcome outcome =
        callbacks.receive(delivery(tampered, "sha256=" + hmacHex(APP_SECRET, body)));

    assertEquals(
        new CallbackOutcome.Refused(
            403, RefusalCode.SIGNATURE, "Meta delivery signature does not match"),
        outcome);
  }

  @Test
  void refusesADeliveryWithoutSignatureAs401() {
    CallbackRequest unsigned =
        new CallbackRequest("POST", Map.of(), Map.of(), BATCH.getBytes(StandardCharsets.UTF_8));

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "Meta delivery without X-Hub-Signature-256"),
        callbacks.receive(unsigned));
  }

  @ParameterizedTest(name = "signature {0}")
  @ValueSource(strings = {"sha1=", "sha256=", "sha256=not-hex", "sha256=abcdef", "SHA256=", ""})
  void refusesAMalformedSignatureAs401(String prefix) {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    String hex = hmacHex(APP_SECRET, body);
    String header =
        switch (prefix) {
          case "sha1=", "SHA256=" -> prefix + hex;
          case "" -> hex;
          default -> prefix;
        };

    assertEquals(
        new CallbackOutcome.Refused(
            401, RefusalCode.SIGNATURE, "Meta delivery with a malformed X-Hub-Signature-256"),
        callbacks.receive(delivery(body, header)));
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| Meta delivery body is not JSON of a callback",
        "{\"object\": \"legal_request\", \"entry\": [| Meta delivery body is not JSON of a callback",
        "[]| Meta delivery body is not JSON of a callback",
        "{\"object\": \"page\", \"entry\": []}| Meta delivery is not a legal_request callback",
        "{\"object\": \"legal_request\"}| Meta delivery is not a legal_request callback"
      })
  void answersAnAuthenticBodyThatIsNoLegalRequestCallbackAsUnreadable(String body, String reason) {
    assertEquals(
        new CallbackOutcome.Unreadable(reason), callbacks.receive(signed(body, APP_SECRET)));
  }

  @Test
  void refusesOtherMethods() {
    CallbackRequest put =
        new CallbackRequest(
            "PUT",
            Map.of("x-hub-signature-256", List.of("sha256=" + hmacHex(APP_SECRET, new byte[0]))),
            Map.of(),
            new byte[0]);

    assertEquals(
        new CallbackOutcome.Refused(403, RefusalCode.METHOD, "Meta callbacks are GET or POST"),
        callbacks.receive(put));
  }

  @Test
  void keepsSecretsAndSignaturesOutOfRefusalReasons() {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    String forged = "sha256=" + hmacHex("another-app-secret", body);

    String reasons =
        callbacks.receive(delivery(body, forged)).toString()
            + callbacks.receive(handshake("subscribe", "guessed-token", "1")).toString();

    assertFalse(reasons.contains(forged.substring(7)), reasons);
    assertFalse(reasons.contains("guessed-token"), reasons);
    assertFalse(reasons.contains("1784512345678901"), reasons);
  }

  @ParameterizedTest(name = "app-secret {0}, verify-token {1}")
  @CsvSource(
      nullValues = "-",
      value = {"-, test-verify-token", "' ', test-verify-token", "test-app-secret, -"})
  void refusesEveryCallbackWhileAppSecretOrVerifyTokenIsUnset(String appSecret, String token) {
    try (ApplicationContext unset = ApplicationContext.run(properties(appSecret, token))) {
      PartnerCallbacks open = unset.getBean(MetaCallbacks.class);
      String reason = "Meta callbacks refused: app-secret or verify-token is not configured";

      assertEquals(
          new CallbackOutcome.Refused(401, RefusalCode.UNCONFIGURED, reason),
          open.receive(signed(BATCH, appSecret == null ? APP_SECRET : appSecret)));
      assertEquals(
          new CallbackOutcome.Refused(403, RefusalCode.UNCONFIGURED, reason),
          open.receive(handshake("subscribe", token == null ? "" : token, "1158201444")));
    }
  }

  private static CallbackRequest handshake(String mode, String token, String challenge) {
    Map<String, List<String>> query = new HashMap<>();
    if (mode != null) {
      query.put("hub.mode", List.of(mode));
    }
    if (token != null) {
      query.put("hub.verify_token", List.of(token));
    }
    if (challenge != null) {
      query.put("hub.challenge", List.of(challenge));
    }
    return new CallbackRequest("GET", Map.of(), query, new byte[0]);
  }

  private static CallbackRequest signed(String body, String secret) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return delivery(bytes, "sha256=" + hmacHex(secret, bytes));
  }

  private static CallbackRequest delivery(byte[] body, String signature) {
    return new CallbackRequest(
        "POST",
        Map.of(
            "x-hub-signature-256", List.of(signature), "content-type", List.of("application/json")),
        Map.of(),
        body);
  }

  private static Map<String, Object> properties(String appSecret, String verifyToken) {
    Map<String, Object> properties =
        new HashMap<>(
            Map.of(
                "gateway.partners.meta.base-url", "http://127.0.0.1:9",
                "gateway.partners.meta.agency-id", GraphStub.AGENCY_ID,
                "gateway.partners.meta.access-token", GraphStub.ACCESS_TOKEN));
    if (appSecret != null) {
      properties.put("gateway.partners.meta.app-secret", appSecret);
    }
    if (verifyToken != null) {
      properties.put("gateway.partners.meta.verify-token", verifyToken);
    }
    return properties;
  }

  /** Meta's signature, computed here independently of the code under test. */
  private static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
