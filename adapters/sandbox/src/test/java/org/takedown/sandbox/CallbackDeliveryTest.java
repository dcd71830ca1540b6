package org.takedown.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.CallbackSignatures.googleData;
import static org.takedown.sandbox.CallbackSignatures.json;
import static org.takedown.sandbox.CallbackSignatures.verifiedGoogleToken;
import static org.takedown.sandbox.CallbackSignatures.verifiedMeta;
import static org.takedown.sandbox.CallbackSignatures.verifiedTikTok;
import static org.takedown.sandbox.SandboxHttp.object;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each partner's callback arrives at a real HTTP receiver, shaped and signed per PARTNERS.md. */
class CallbackDeliveryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static GatewayReceiver gateway;
  private static PartnerSandbox sandbox;
  private PartnerClient client;
  private String reference;

  @BeforeAll
  static void start() {
    gateway = new GatewayReceiver();
    sandbox =
        PartnerSandbox.start(
            SandboxOptions.builder().callbackRedelivery(3, Duration.ofMillis(50)).build());
    sandbox.deliverCallbacksTo(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    gateway.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
    sandbox.google().unmuteCallbacks();
    await().atMost(PATIENCE).until(() -> inFlight() == 0);
    gateway.reset();
    client = new PartnerClient(sandbox);
    reference = UUID.randomUUID().toString();
  }

  private static int inFlight() {
    return sandbox.meta().callbacksInFlight()
        + sandbox.tiktok().callbacksInFlight()
        + sandbox.google().callbacksInFlight();
  }

  private static List<LoggedRequest> awaitCallbacks(
      PartnerSimulator partner, String path, int count) {
    await()
        .atMost(PATIENCE)
        .until(() -> partner.callbacks().size() >= count && partner.callbacksInFlight() == 0);
    List<LoggedRequest> received = gateway.received(path);
    assertEquals(count, received.size());
    return received;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metaValue(Map<String, Object> body) {
    Map<String, Object> entry = ((List<Map<String, Object>>) body.get("entry")).get(0);
    Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
    return object(change, "value");
  }

  @Test
  @SuppressWarnings("unchecked")
  void metaCallbacksAreSignedWithTheAppSecretOverTheRawBody() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    meta.review(reference);
    meta.complete(reference, "REMOVED");

    List<LoggedRequest> received = awaitCallbacks(meta, "/webhooks/meta", 2);
    Map<String, Map<String, Object>> byStatus =
        received.stream()
            .map(
                callback -> {
                  try {
                    return verifiedMeta(callback);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                })
            .collect(Collectors.toMap(body -> (String) metaValue(body).get("status"), b -> b));
    Map<String, Object> completed = byStatus.get("COMPLETED");
    assertEquals("legal_request", completed.get("object"));
    Map<String, Object> entry = ((List<Map<String, Object>>) completed.get("entry")).get(0);
    assertEquals(MetaSimulator.AGENCY_ID, entry.get("id"));
    assertTrue(entry.get("time") instanceof Long);
    Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
    assertEquals("status", change.get("field"));
    assertEquals(
        Map.of(
            "request_id",
            id,
            "status",
            "COMPLETED",
            "outcome",
            "CONTENT_REMOVED",
            "updated_time",
            client.metaStatus(id).get("updated_time")),
        metaValue(completed));
    assertEquals(
        Map.of("request_id", id, "status", "IN_REVIEW"),
        Map.of(
            "request_id",
            metaValue(byStatus.get("IN_REVIEW")).get("request_id"),
            "status",
            metaValue(byStatus.get("IN_REVIEW")).get("status")));
    assertEquals(2, meta.callbacksDelivered());
    assertTrue(meta.callbacks().stream().allMatch(CallbackDelivery::delivered));
  }

  @Test
  void metaCallbacksCarryTheDeclineReasonOrThePreservationDate() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String declinedId = client.createAtMeta(reference, "CONTENT_REMOVAL");
    String preservedReference = UUID.randomUUID().toString();
    client.createAtMeta(preservedReference, "PRESERVATION");

    meta.decline(reference, "NOT_FOUND");
    SandboxRequest preserved = meta.preserve(preservedReference);

    List<LoggedRequest> received = awaitCallbacks(meta, "/webhooks/meta", 2);
    for (LoggedRequest callback : received) {
      Map<String, Object> value = metaValue(verifiedMeta(callback));
      if (value.get("request_id").equals(declinedId)) {
        assertEquals("DECLINED", value.get("status"));
        assertEquals("CONTENT_NOT_FOUND", value.get("decline_reason"));
        assertFalse(value.containsKey("outcome"));
        assertFalse(value.containsKey("preserved_until"));
      } else {
        assertEquals("DATA_PRESERVED", value.get("outcome"));
        assertEquals(Rfc3339.seconds(preserved.preservedUntil()), value.get("preserved_until"));
        assertFalse(value.containsKey("decline_reason"));
      }
    }
  }

  @Test
  void tiktokCallbacksAreSignedOverTheTimestampAndTheBodyWithContentAsAString() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    String id = client.createAtTikTok(reference, "PRESERVATION");

    tiktok.preserve(reference);

    LoggedRequest callback = awaitCallbacks(tiktok, "/webhooks/tiktok", 1).get(0);
    Map<String, Object> body = verifiedTikTok(callback, Instant.now().getEpochSecond());
    assertEquals(TikTokSimulator.CLIENT_KEY, body.get("client_key"));
    assertEquals("legal_request.status_update", body.get("event"));
    assertTrue(body.get("create_time") instanceof Long);
    assertTrue(body.get("content") instanceof String, "content is a JSON document in a string");
    Map<String, Object> content = JSONObjectUtils.parse((String) body.get("content"));
    Map<String, Object> status = client.tiktokStatus(id);
    assertEquals(id, content.get("request_id"));
    assertEquals("COMPLETED", content.get("status"));
    assertEquals("PRESERVED", content.get("result"));
    assertEquals(status.get("update_time"), content.get("update_time"));
    assertEquals(status.get("preserve_expire_time"), content.get("preserve_expire_time"));
  }

  @Test
  void googlePushesCarryAnOidcTokenThatVerifiesAgainstTheServedKeySet() throws Exception {
    GoogleSimulator google = sandbox.google();
    Map<String, Object> created = client.createAtGoogle(reference, "REMOVAL");

    google.resolve(reference, "REMOVED");

    LoggedRequest push = awaitCallbacks(google, "/webhooks/google", 1).get(0);
    JWTClaimsSet claims = verifiedGoogleToken(push, google.pushJwksUri());
    assertEquals(
        Duration.ofHours(1),
        Duration.between(
            claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
    assertEquals(google.pushKeyId(), SignedJWT.parse(bearer(push)).getHeader().getKeyID());
    Map<String, Object> body = json(push);
    assertEquals(
        "projects/partner-sandbox/subscriptions/legal-requests-push", body.get("subscription"));
    Map<String, Object> message = object(body, "message");
    assertEquals(Map.of("eventType", "LEGAL_REQUEST_UPDATED"), message.get("attributes"));
    assertTrue(((String) message.get("messageId")).matches("[0-9]+"));
    Instant.parse((String) message.get("publishTime"));
    Map<String, Object> data = googleData(body);
    Map<String, Object> response =
        object(client.googlePoll((String) created.get("name")), "response");
    assertEquals(
        Map.of(
            "operation",
            created.get("name"),
            "legalRequest",
            object(created, "metadata").get("legalRequest"),
            "state",
            "RESOLVED",
            "resolution",
            "REMOVED",
            "updateTime",
            response.get("updateTime")),
        data);
  }

  @Test
  void googlePreservationPushesCarryPreserveUntil() throws Exception {
    GoogleSimulator google = sandbox.google();
    client.createAtGoogle(reference, "PRESERVATION");

    SandboxRequest preserved = google.preserve(reference);

    Map<String, Object> data =
        googleData(json(awaitCallbacks(google, "/webhooks/google", 1).get(0)));
    assertEquals("PRESERVED", data.get("resolution"));
    assertEquals(preserved.preservedUntil().toString(), data.get("preserveUntil"));
  }

  @Test
  void aRotatedPushKeyIsPublishedBesideThePreviousOne() throws Exception {
    GoogleSimulator google = sandbox.google();
    client.createAtGoogle(reference, "REMOVAL");
    String previous = google.pushKeyId();

    google.rotatePushKey();
    google.review(reference);

    LoggedRequest push = awaitCallbacks(google, "/webhooks/google", 1).get(0);
    String kid = SignedJWT.parse(bearer(push)).getHeader().getKeyID();
    assertNotEquals(previous, kid);
    assertEquals(google.pushKeyId(), kid);
    verifiedGoogleToken(push, google.pushJwksUri());
    Map<String, Object> jwks = SandboxHttp.json(new SandboxHttp().get(google.pushJwksUri(), null));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
    assertEquals(List.of(kid, previous), keys.stream().map(key -> key.get("kid")).toList());
    assertTrue(keys.stream().noneMatch(key -> key.containsKey("d")), "public keys only");
  }

  @Test
  void aPushTokenDoesNotVerifyAgainstAnotherSandboxsKeySet() throws Exception {
    GoogleSimulator google = sandbox.google();
    client.createAtGoogle(reference, "REMOVAL");
    google.review(reference);
    LoggedRequest push = awaitCallbacks(google, "/webhooks/google", 1).get(0);

    try (PartnerSandbox other = PartnerSandbox.start()) {
      assertThrows(
          BadJOSEException.class, () -> verifiedGoogleToken(push, other.google().pushJwksUri()));
    }
  }

  @Test
  void aMutedRequestChangesSilentlyAndPollingStillSeesIt() throws Exception {
    GoogleSimulator google = sandbox.google();
    String operation = (String) client.createAtGoogle(reference, "REMOVAL").get("name");
    String loud = UUID.randomUUID().toString();
    client.createAtGoogle(loud, "REMOVAL");
    google.muteCallbacks(reference);

    google.resolve(reference, "REMOVED");
    assertEquals(0, google.callbacksInFlight(), "nothing was queued for the muted request");
    google.resolve(loud, "REMOVED");

    List<LoggedRequest> received = awaitCallbacks(google, "/webhooks/google", 1);
    assertEquals(
        google.request(loud).orElseThrow().id(),
        googleData(json(received.get(0))).get("legalRequest"));
    assertEquals(true, client.googlePoll(operation).get("done"));
  }

  @Test
  void mutingAPartnerSilencesItUntilUnmuted() throws Exception {
    GoogleSimulator google = sandbox.google();
    client.createAtGoogle(reference, "REMOVAL");
    google.muteCallbacks();

    google.review(reference);
    assertEquals(0, google.callbacksInFlight());
    google.unmuteCallbacks();
    google.resolve(reference, "REMOVED");

    LoggedRequest push = awaitCallbacks(google, "/webhooks/google", 1).get(0);
    assertEquals("RESOLVED", googleData(json(push)).get("state"));
  }

  @Test
  void aCallbackAnswered500IsDeliveredAgainTheSameAndSignedAgain() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    client.createAtTikTok(reference, "REMOVAL");
    gateway.failFirst("/webhooks/tiktok", 500);

    tiktok.review(reference);

    await().atMost(PATIENCE).until(() -> tiktok.callbacksDelivered() == 1);
    List<LoggedRequest> attempts = gateway.received("/webhooks/tiktok");
    assertEquals(2, attempts.size());
    assertSameBody(attempts.get(0), attempts.get(1));
    long now = Instant.now().getEpochSecond();
    verifiedTikTok(attempts.get(0), now);
    verifiedTikTok(attempts.get(1), now);
    CallbackDelivery delivery = tiktok.callbacks().get(0);
    assertTrue(delivery.delivered());
    assertEquals(2, delivery.attempts());
    assertEquals(200, delivery.statusCode());
    assertEquals(new String(attempts.get(1).getBody(), StandardCharsets.UTF_8), delivery.body());
  }

  @Test
  void aCallbackTheGatewayKeepsRefusingIsGivenUpAfterTheConfiguredAttempts() throws Exception {
    MetaSimulator meta = sandbox.meta();
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    gateway.failAll("/webhooks/meta", 503);

    meta.review(reference);

    await().atMost(PATIENCE).until(() -> meta.callbacks().size() == 1);
    CallbackDelivery given = meta.callbacks().get(0);
    assertFalse(given.delivered());
    assertEquals(3, given.attempts());
    assertEquals(503, given.statusCode());
    assertEquals(reference, given.reference());
    assertEquals("IN_REVIEW", given.status());
    assertEquals(3, gateway.received("/webhooks/meta").size());
    assertEquals(0, meta.callbacksDelivered());
  }

  @Test
  void aGatewayThatCannotBeReachedIsTriedAgainThenGivenUp() throws Exception {
    MetaSimulator meta = sandbox.meta();
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    meta.deliverCallbacksTo(URI.create("http://127.0.0.1:" + closedPort));
    try {
      meta.review(reference);

      await().atMost(PATIENCE).until(() -> meta.callbacks().size() == 1);
      CallbackDelivery given = meta.callbacks().get(0);
      assertFalse(given.delivered());
      assertEquals(3, given.attempts());
      assertEquals(0, given.statusCode(), "no answer arrived");
    } finally {
      meta.deliverCallbacksTo(gateway.baseUrl());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRedeliveredCallbackIsADuplicateOfTheLastChange() throws Exception {
    MetaSimulator meta = sandbox.meta();
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    meta.complete(reference, "REMOVED");
    awaitCallbacks(meta, "/webhooks/meta", 1);

    meta.redeliverCallback(reference);

    List<LoggedRequest> received = awaitCallbacks(meta, "/webhooks/meta", 2);
    assertEquals(
        metaValue(verifiedMeta(received.get(0))), metaValue(verifiedMeta(received.get(1))));
  }

  @Test
  void aPartnerToldToStopDeliveringSendsNothingUntilGivenATargetAgain() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    client.createAtTikTok(reference, "REMOVAL");
    tiktok.stopDeliveringCallbacks();
    try {
      assertTrue(tiktok.callbackUrl().isEmpty());

      tiktok.review(reference);

      assertEquals(0, tiktok.callbacksInFlight(), "nothing was queued");
    } finally {
      tiktok.deliverCallbacksTo(gateway.baseUrl());
    }
    tiktok.complete(reference, "REMOVED");
    LoggedRequest completed = awaitCallbacks(tiktok, "/webhooks/tiktok", 1).get(0);
    assertTrue(completed.getBodyAsString().contains("COMPLETED"), completed.getBodyAsString());
  }

  @Test
  void callbacksGoToTheWebhookPathOfEachPartner() {
    URI base = gateway.baseUrl();

    assertEquals(URI.create(base + "/webhooks/meta"), sandbox.meta().callbackUrl().orElseThrow());
    assertEquals(
        URI.create(base + "/webhooks/tiktok"), sandbox.tiktok().callbackUrl().orElseThrow());
    assertEquals(
        URI.create(base + "/webhooks/google"), sandbox.google().callbackUrl().orElseThrow());
    assertThrows(
        IllegalArgumentException.class,
        () -> sandbox.meta().deliverCallbacksTo(URI.create("ftp://gateway/")));
  }

  private static String bearer(LoggedRequest push) {
    return push.getHeader("Authorization").substring("Bearer ".length());
  }

  private static void assertSameBody(LoggedRequest first, LoggedRequest second) {
    assertArrayEquals(first.getBody(), second.getBody());
  }
}
