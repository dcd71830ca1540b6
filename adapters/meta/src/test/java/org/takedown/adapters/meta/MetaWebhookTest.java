package org.takedown.adapters.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;

class MetaWebhookTest {

  private static final String CALLBACK =
      """
      { "object": "legal_request",
        "entry": [
          { "id": "998877665544", "time": 1718900000,
            "changes": [
              { "field": "status",
                "value": { "request_id": "1784512345678901", "status": "COMPLETED",
                           "outcome": "CONTENT_REMOVED", "updated_time": "2024-06-21T08:30:00Z" } },
              { "field": "comment", "value": { "request_id": "1784512345678901" } },
              { "field": "status",
                "value": { "request_id": "1784512345678902", "status": "COMPLETED",
                           "outcome": "DATA_PRESERVED", "updated_time": "2024-06-21T09:00:00Z",
                           "preserved_until": "2024-09-19T09:00:00Z" } } ] },
          { "id": "998877665544", "time": 1718900100,
            "changes": [
              { "field": "status",
                "value": { "request_id": "1784512345678903", "status": "DECLINED",
                           "decline_reason": "CONTENT_NOT_FOUND", "updated_time": "2024-06-21T10:00:00Z" } },
              { "field": "status",
                "value": { "request_id": "1784512345678904", "status": "ON_HOLD" } } ] } ] }
      """;

  private static ApplicationContext ctx;
  private static MetaWebhook webhook;

  @BeforeAll
  static void start() {
    ctx = ApplicationContext.run(properties(APP_SECRET, VERIFY_TOKEN));
    webhook = ctx.getBean(MetaWebhook.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void echoesTheChallengeWhenTheVerifyTokenMatches() {
    assertEquals(
        Optional.of("1158201444"),
        webhook.confirmSubscription("subscribe", VERIFY_TOKEN, "1158201444"));
  }

  @ParameterizedTest(name = "mode {0}, token {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "subscribe, wrong-token",
        "subscribe, test-verify-toke",
        "subscribe, -",
        "unsubscribe, test-verify-token",
        "-, test-verify-token"
      })
  void refusesSubscriptionWithoutTheRightModeAndToken(String mode, String token) {
    assertEquals(Optional.empty(), webhook.confirmSubscription(mode, token, "1158201444"));
  }

  @Test
  void acceptsADeliverySignedWithTheAppSecret() {
    byte[] body = CALLBACK.getBytes(StandardCharsets.UTF_8);

    assertTrue(webhook.isAuthentic(body, "sha256=" + hmacHex(APP_SECRET, body)));
    assertTrue(webhook.isAuthentic(body, "sha256=" + hmacHex(APP_SECRET, body).toUpperCase()));
  }

  @Test
  void refusesADeliveryWhoseSignatureDoesNotMatch() {
    byte[] body = CALLBACK.getBytes(StandardCharsets.UTF_8);
    byte[] tampered = CALLBACK.replace("CONTENT_REMOVED", "CONTENT_RESTRICTED").getBytes();
    String signature = "sha256=" + hmacHex(APP_SECRET, body);

    assertFalse(webhook.isAuthentic(tampered, signature));
    assertFalse(webhook.isAuthentic(body, "sha256=" + hmacHex("another-secret", body)));
    assertFalse(webhook.isAuthentic(body, "sha1=" + hmacHex(APP_SECRET, body)));
    assertFalse(webhook.isAuthentic(body, "sha256=not-hex"));
    assertFalse(webhook.isAuthentic(body, "sha256="));
    assertFalse(webhook.isAuthentic(body, null));
  }

  @Test
  void readsEveryStatusChangeOfEveryEntryInOrder() {
    List<PartnerUpdate> updates = webhook.updates(CALLBACK.getBytes(StandardCharsets.UTF_8));

    assertEquals(
        List.of(
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
                "Meta status DECLINED, decline_reason CONTENT_NOT_FOUND")),
        updates);
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "{\"object\": \"legal_request\", \"entry\": [",
        "{\"object\": \"page\", \"entry\": []}",
        "{\"object\": \"legal_request\"}",
        "[]"
      })
  void refusesABodyThatIsNoLegalRequestCallback(String body) {
    assertThrows(
        IllegalArgumentException.class,
        () -> webhook.updates(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void failsClosedWithoutAppSecretOrVerifyToken() {
    try (ApplicationContext unset = ApplicationContext.run(properties(" ", null))) {
      MetaWebhook open = unset.getBean(MetaWebhook.class);
      byte[] body = CALLBACK.getBytes(StandardCharsets.UTF_8);

      assertFalse(open.isAuthentic(body, "sha256=" + hmacHex(" ", body)));
      assertEquals(Optional.empty(), open.confirmSubscription("subscribe", "", "1158201444"));
      assertEquals(Optional.empty(), open.confirmSubscription("subscribe", null, "1158201444"));
    }
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
