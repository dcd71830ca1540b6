package org.takedown.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoint moves requests on over HTTP, as docs/api-guide.md's curl lines do. TikTok and
 * Google deliver callbacks to a receiver here; Meta has no callback target.
 */
class SandboxAdminTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static GatewayReceiver gateway;
  private static PartnerSandbox sandbox;
  private final SandboxHttp http = new SandboxHttp();
  private PartnerClient client;
  private String reference;

  @BeforeAll
  static void start() {
    gateway = new GatewayReceiver();
    sandbox = PartnerSandbox.start();
    sandbox.tiktok().deliverCallbacksTo(gateway.baseUrl());
    sandbox.google().deliverCallbacksTo(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    gateway.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
    await()
        .atMost(PATIENCE)
        .until(
            () -> sandbox.tiktok().callbacksInFlight() + sandbox.google().callbacksInFlight() == 0);
    gateway.reset();
    client = new PartnerClient(sandbox);
    reference = UUID.randomUUID().toString();
  }

  @Test
  void completeMovesTheRequestAndAnswersItsNewStateAndTheCallback() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    String id = client.createAtTikTok(reference, "REMOVAL");

    HttpResponse<String> response =
        client.admin(tiktok, reference, "complete", "{\"outcome\": \"REMOVED\"}");

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals(reference, body.get("reference"));
    assertEquals(id, body.get("id"));
    assertEquals("COMPLETED", body.get("status"));
    assertEquals("REMOVED", body.get("outcome"));
    assertTrue(body.containsKey("preservedUntil"));
    assertNull(body.get("preservedUntil"));
    Instant.parse((String) body.get("createdAt"));
    Instant.parse((String) body.get("updatedAt"));
    assertEquals("queued", body.get("callback"));
    assertEquals("COMPLETED", client.tiktokStatus(id).get("status"));
    await().atMost(PATIENCE).until(() -> tiktok.callbacksDelivered() == 1);
    assertEquals(1, gateway.received("/webhooks/tiktok").size());
  }

  @Test
  void reviewThenDeclineInTheGatewaysWords() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    HttpResponse<String> review = client.admin(meta, reference, "review", "");
    HttpResponse<String> decline =
        client.admin(meta, reference, "decline", "{\"reason\": \"NO_VIOLATION\"}");

    assertEquals(200, review.statusCode());
    assertEquals("IN_REVIEW", json(review).get("status"));
    assertEquals("off", json(review).get("callback"), "Meta has no callback target here");
    assertEquals(200, decline.statusCode());
    assertEquals("DECLINED", json(decline).get("status"));
    assertEquals("NO_VIOLATION_FOUND", json(decline).get("outcome"));
    assertEquals("NO_VIOLATION_FOUND", client.metaStatus(id).get("decline_reason"));
  }

  @Test
  void preserveWithoutACallbackLeavesItToPolling() throws Exception {
    GoogleSimulator google = sandbox.google();
    String operation = (String) client.createAtGoogle(reference, "PRESERVATION").get("name");

    HttpResponse<String> response =
        client.admin(google, reference, "preserve", "{\"callback\": false}");

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals("muted", body.get("callback"));
    assertEquals("PRESERVED", body.get("outcome"));
    Instant.parse((String) body.get("preservedUntil"));
    assertEquals(0, google.callbacksInFlight(), "nothing was sent");
    Map<String, Object> polled = client.googlePoll(operation);
    assertEquals(true, polled.get("done"));
    assertEquals(body.get("preservedUntil"), object(polled, "response").get("preserveUntil"));
  }

  @Test
  void statsCountCreateCallsAndTheRequestsTheyCreated() throws Exception {
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    client.createAtMeta(reference, "CONTENT_REMOVAL");

    HttpResponse<String> response =
        http.get(sandbox.meta().baseUrl() + PartnerSimulator.STATS_PATH, null);

    assertEquals(200, response.statusCode());
    assertEquals(2, ((Number) json(response).get("createCalls")).intValue());
    assertEquals(1, ((Number) json(response).get("requests")).intValue());
  }

  @Test
  void getReadsTheRequest() throws Exception {
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    HttpResponse<String> response = client.adminRead(sandbox.meta(), reference);

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals(id, body.get("id"));
    assertEquals("RECEIVED", body.get("status"));
    assertFalse(body.containsKey("callback"));
  }

  @Test
  void decidingTheSameWayAgainChangesNothingAndSendsNothing() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    client.createAtTikTok(reference, "REMOVAL");
    client.admin(tiktok, reference, "complete", "{\"outcome\": \"GEO_RESTRICTED\"}");

    HttpResponse<String> again =
        client.admin(tiktok, reference, "complete", "{\"outcome\": \"RESTRICTED\"}");

    assertEquals(200, again.statusCode());
    assertEquals("unchanged", json(again).get("callback"));
  }

  @Test
  void answersErrorsWithTheirStatus() throws Exception {
    MetaSimulator meta = sandbox.meta();
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    client.admin(meta, reference, "complete", "{\"outcome\": \"REMOVED\"}");

    assertError(404, "no-such-reference", client.admin(meta, "no-such-reference", "review", ""));
    assertError(
        409, "COMPLETED", client.admin(meta, reference, "decline", "{\"reason\": \"NOT_FOUND\"}"));
    assertError(
        400,
        "CONTENT_REMOVED",
        client.admin(meta, reference, "complete", "{\"outcome\": \"GONE\"}"));
    assertError(400, "outcome", client.admin(meta, reference, "complete", "{}"));
    assertError(400, "JSON object", client.admin(meta, reference, "complete", "REMOVED"));
    assertError(400, "callback", client.admin(meta, reference, "review", "{\"callback\": \"no\"}"));
    assertError(404, "no action", client.admin(meta, reference, "finish", ""));
    assertError(405, "POST", http.get(meta.adminUrl(reference) + "/review", null));
    assertEquals(1, meta.createCalls(), "admin calls are no create calls");
  }

  private static void assertError(int status, String mentioned, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    String error = (String) json(response).get("error");
    assertTrue(error.contains(mentioned), error);
  }
}
