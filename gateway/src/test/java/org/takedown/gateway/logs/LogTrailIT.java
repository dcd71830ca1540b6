package org.takedown.gateway.logs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.callback.SandboxCallbackTarget;
import org.takedown.gateway.intake.SubmitCase;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSimulator;

/**
 * One case through its whole life, its JSON log followed by ids alone: submitted through the API
 * (with the caller's X-Request-Id), dispatched to the sandbox, one request completed by Meta's
 * signed callback, one by a poll of TikTok, one cancelled by an officer. The gateway runs with
 * {@code logger.levels.org.takedown.gateway: DEBUG}, the README's way to trace requests.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogTrailIT implements TestPropertyProvider {

  private static final String GATEWAY_LOGGER = "org.takedown.gateway";
  private static final String CANARY_NAME = "Trail Canary Officer";
  private static final String CANARY_EMAIL = "trail.canary@bnpj.test";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  Requests requests;
  private SandboxCallbackTarget callbacks;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "logger.levels." + GATEWAY_LOGGER,
        "DEBUG",
        // TikTok is asked soon and often; Meta never within the test, so only its callback tells
        "gateway.polling.first-after",
        "200ms",
        "gateway.polling.max-interval",
        "1s",
        "gateway.polling.idle-interval",
        "50ms",
        "gateway.partners.meta.polling.first-after",
        "1h",
        "gateway.partners.meta.polling.max-interval",
        "1h");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    callbacks = SandboxCallbackTarget.pointAt(server.getURI());
  }

  @AfterAll
  void restore() {
    callbacks.restore();
    // the level the property set outlives this gateway: give the JVM's next tests theirs back
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(GATEWAY_LOGGER).setLevel(null);
  }

  @Test
  void oneRequestIsFollowedByItsIdsFromTheApiCallThroughDispatchToItsCallbackOrPoll() {
    assertTrue(
        ((Logger) LoggerFactory.getLogger(GATEWAY_LOGGER + ".dispatch")).isDebugEnabled(),
        "logger.levels set the level");
    String submitCall = "submit-" + UUID.randomUUID();
    String cancelCall = "cancel-" + UUID.randomUUID();
    try (JsonLogCapture capture = JsonLogCapture.start()) {
      // a case of three requests, one per partner
      Map<String, Object> body = Cases.sample();
      body.put(
          "requestedBy",
          Map.of("name", CANARY_NAME, "email", CANARY_EMAIL, "unit", "BNPJ / Brigade technique"));
      body.put(
          "items",
          List.of(
              Cases.item(Cases.freshUrl(Platform.META), "TAKEDOWN"),
              Cases.item(Cases.freshUrl(Platform.TIKTOK), "TAKEDOWN"),
              Cases.item(Cases.freshUrl(Platform.GOOGLE), "TAKEDOWN")));
      Api.Answer created =
          api.post(
              "/api/v1/cases",
              TestTokens.get().submitter("e-blagh-triage"),
              api.toJson(body),
              RequestIds.HEADER,
              submitCall);
      assertEquals(201, created.status(), created.body());
      assertEquals(submitCall, created.header(RequestIds.HEADER));
      String caseId = (String) created.json().get("id");
      String meta = requestOn(created, "META");
      String tiktok = requestOn(created, "TIKTOK");
      String google = requestOn(created, "GOOGLE");
      for (String id : List.of(meta, tiktok, google)) {
        requests.awaitStatus(id, "SUBMITTED");
      }

      // Meta decides and calls back, signed; TikTok decides silently and is polled
      TestGateway.sandbox().meta().complete(meta, "REMOVED");
      PartnerSimulator tiktokSandbox = TestGateway.sandbox().tiktok();
      tiktokSandbox.muteCallbacks(tiktok);
      tiktokSandbox.complete(tiktok, "REMOVED");
      requests.awaitStatus(meta, "COMPLETED");
      requests.awaitStatus(tiktok, "COMPLETED");
      // an officer withdraws the third
      Api.Answer cancelled =
          api.post(
              "/api/v1/requests/" + google + "/cancel",
              TestTokens.get().officer("officer-7"),
              "",
              RequestIds.HEADER,
              cancelCall);
      assertEquals(200, cancelled.status(), cancelled.body());

      // Meta's request, by its ids: the API call under its X-Request-Id ...
      Map<String, Object> intake =
          awaitLine(capture, about(meta, caseId, "META").and(from(SubmitCase.class)));
      assertEquals(submitCall, intake.get("correlationId"), intake.toString());
      assertEquals(
          "POST /api/v1/cases answered 201",
          awaitLine(
                  capture,
                  from(RequestIdFilter.class)
                      .and(line -> submitCall.equals(line.get("correlationId"))))
              .get("message"));
      // ... its delivery, on a dispatch thread that carries no exchange's id ...
      Map<String, Object> dispatch =
          awaitLine(capture, about(meta, caseId, "META").and(logger(".dispatch.")));
      assertEquals(1, ((Number) dispatch.get("attempt")).intValue(), dispatch.toString());
      assertEquals("SUBMITTED", dispatch.get("delivery"), dispatch.toString());
      assertNull(dispatch.get("correlationId"), "no id leaks onto a dispatch thread: " + dispatch);
      // ... and Meta's callback, under the id of the webhook exchange that carried it
      Map<String, Object> callback =
          awaitLine(
              capture,
              about(meta, caseId, "META")
                  .and(from(ApplyPartnerUpdate.class))
                  .and(line -> "COMPLETED".equals(line.get("to"))));
      assertEquals("partner-callback", callback.get("source"), callback.toString());
      String webhookCall = (String) callback.get("correlationId");
      assertTrue(webhookCall != null && !webhookCall.equals(submitCall), callback.toString());
      Map<String, Object> webhook =
          awaitLine(
              capture,
              from(RequestIdFilter.class)
                  .and(line -> webhookCall.equals(line.get("correlationId"))));
      assertEquals("POST /webhooks/meta answered 200", webhook.get("message"));

      // TikTok's request: created by the same call, completed by a poll
      Map<String, Object> tiktokIntake =
          awaitLine(capture, about(tiktok, caseId, "TIKTOK").and(from(SubmitCase.class)));
      assertEquals(submitCall, tiktokIntake.get("correlationId"));
      awaitLine(capture, about(tiktok, caseId, "TIKTOK").and(logger(".dispatch.")));
      Map<String, Object> poll =
          awaitLine(
              capture,
              about(tiktok, caseId, "TIKTOK")
                  .and(from(ApplyPartnerUpdate.class))
                  .and(line -> "COMPLETED".equals(line.get("to"))));
      assertEquals("partner-poll", poll.get("source"), poll.toString());
      assertNull(poll.get("correlationId"), poll.toString());

      // the officer's action: INFO, on the blocking executor, under the action's X-Request-Id
      Map<String, Object> action =
          awaitLine(capture, about(google, caseId, "GOOGLE").and(from(OfficerActions.class)));
      assertEquals("INFO", action.get("level"));
      assertEquals("cancel", action.get("action"));
      assertEquals("officer-7", action.get("actor"));
      assertEquals(cancelCall, action.get("correlationId"), action.toString());
      assertFalse(
          action.get("thread_name").toString().toLowerCase().contains("eventloop"),
          action.toString());
      assertNotEquals(
          cancelCall,
          awaitLine(capture, about(google, caseId, "GOOGLE").and(logger(".dispatch.")))
              .get("correlationId"));

      // every line is one JSON object, and none names the requester, at any level
      List<Map<String, Object>> all = capture.parsed();
      assertTrue(all.size() > 10, all.toString());
      for (String line : capture.raw()) {
        assertFalse(line.contains(CANARY_NAME) || line.contains(CANARY_EMAIL), line);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static String requestOn(Api.Answer created, String platform) {
    List<Map<String, Object>> list = (List<Map<String, Object>>) created.json().get("requests");
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> request : list) {
      if (platform.equals(request.get("platform"))) {
        ids.add((String) request.get("id"));
      }
    }
    assertEquals(1, ids.size(), list.toString());
    return ids.get(0);
  }

  private static Predicate<Map<String, Object>> about(
      String requestId, String caseId, String platform) {
    return line ->
        requestId.equals(line.get("requestId"))
            && caseId.equals(line.get("caseId"))
            && platform.equals(line.get("platform"));
  }

  private static Predicate<Map<String, Object>> from(Class<?> type) {
    return line -> type.getName().equals(line.get("logger_name"));
  }

  private static Predicate<Map<String, Object>> logger(String part) {
    return line -> String.valueOf(line.get("logger_name")).contains(part);
  }

  private static Map<String, Object> awaitLine(
      JsonLogCapture capture, Predicate<Map<String, Object>> which) {
    return await()
        .atMost(PATIENCE)
        .until(() -> capture.lines(which), lines -> !lines.isEmpty())
        .get(0);
  }
}
