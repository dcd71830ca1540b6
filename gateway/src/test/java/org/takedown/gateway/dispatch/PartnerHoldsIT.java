package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.testing.MutableClock;

/**
 * A partner that asks for quiet ({@code Retry-After}) or refuses the gateway's credentials is left
 * alone for a time of the gateway's clock. That clock stands still unless these tests move it, so a
 * hold or a pause lasts exactly until the test moves the clock past it, and no test waits for it to
 * pass. Faults are injected into the sandbox's WireMock servers.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerHoldsIT implements TestPropertyProvider {

  private static final Duration UNAUTHORIZED_PAUSE = Duration.ofSeconds(1);
  private static final int CONCURRENCY = 4;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject PartnerLanes lanes;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  Api api;
  Requests requests;

  /** The gateway's time when each TikTok create call reached TikTok, while this class runs. */
  private final List<Instant> tiktokCalls = new CopyOnWriteArrayList<>();

  private volatile boolean listening;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "test.mutable-clock",
        "true",
        "gateway.partners.meta.concurrency",
        String.valueOf(CONCURRENCY),
        "gateway.dispatch.unauthorized-pause",
        UNAUTHORIZED_PAUSE.toMillis() + "ms",
        "gateway.polling.enabled",
        "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    listening = true;
    sandbox
        .tiktok()
        .wireMock()
        .addMockServiceRequestListener(
            (request, response) -> {
              if (listening
                  && request.getMethod().value().equals("POST")
                  && request.getUrl().startsWith("/v2/legal/requests/")) {
                tiktokCalls.add(clock.instant());
              }
            });
  }

  @AfterAll
  void stopListening() {
    listening = false;
  }

  @AfterEach
  void clearFaults() {
    sandbox.reset();
    tiktokCalls.clear();
  }

  @Test
  void aRetryAfterHintHoldsEveryCallToThatPartnerForItsWholeDelay() {
    sandbox.tiktok().rateLimitNextCreates(1, Duration.ofSeconds(3));
    String throttled = submitOne(tiktokUrl(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> heldForMillis("tiktok") > 0);
    Instant throttledAt = clock.instant();
    assertEquals(3000, heldForMillis("tiktok"), "the whole Retry-After, on a clock held still");
    String later = submitOne(tiktokUrl(2));

    clock.advance(Duration.ofSeconds(3).minusMillis(1));
    assertEquals(1, heldForMillis("tiktok"));
    assertFalse(lanes.tryCall(Platform.TIKTOK), "no status read either");
    clock.advance(Duration.ofMillis(1));

    requests.awaitStatus(throttled, "SUBMITTED");
    requests.awaitStatus(later, "SUBMITTED");
    assertEquals(0, heldForMillis("tiktok"));
    assertEquals(3, tiktokCalls.size(), "the throttled call, its retry and the later request");
    assertEquals(throttledAt, tiktokCalls.get(0));
    for (Instant call : tiktokCalls.subList(1, tiktokCalls.size())) {
      assertFalse(
          call.isBefore(throttledAt.plusSeconds(3)),
          "a call at " + call + " after a 429 with Retry-After: 3 at " + throttledAt);
    }
  }

  @Test
  void refusedCredentialsPauseThePartnerWithoutFailingARequestUntilAProbeSucceeds() {
    sandbox
        .meta()
        .failNextCreates(3, 401, MetaSimulator.errorBody(190, "Invalid OAuth access token"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submitOne("https://www.instagram.com/p/Paused" + i + "/"));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(meta().get("paused")));
    // a probe per pause the clock passes, until one gets through (at most three are refused);
    // the refused requests are due again a pause after their refusal
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              if (metaIdle()) {
                clock.advance(UNAUTHORIZED_PAUSE);
              }
              return ids.stream().allMatch(id -> "SUBMITTED".equals(status(id)));
            });

    assertEquals(false, meta().get("paused"), "a probe that got through ended the pause");
    for (String id : ids) {
      assertEquals(
          0,
          requests.history(id).stream().filter(l -> "FAILED".equals(l.get("to"))).count(),
          "no request failed for the gateway's credentials");
    }
  }

  @Test
  void whilePausedOnlyOneProbeAPauseReachesThePartnerAndAnAdminCanResumeAtOnce() {
    sandbox
        .meta()
        .failNextCreates(1000, 401, MetaSimulator.errorBody(190, "Invalid OAuth access token"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submitOne("https://www.instagram.com/p/Revoked" + i + "/"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Boolean.TRUE.equals(meta().get("paused")) && metaIdle());
    int callsWhenPaused = sandbox.meta().createCalls();
    for (int pause = 1; pause <= 2; pause++) {
      assertEquals(callsWhenPaused + pause - 1, sandbox.meta().createCalls(), "still paused");
      clock.advance(UNAUTHORIZED_PAUSE);
      int probes = pause;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> sandbox.meta().createCalls() >= callsWhenPaused + probes && metaIdle());
      assertEquals(callsWhenPaused + pause, sandbox.meta().createCalls(), "one probe a pause");
    }
    assertEquals(
        true, meta().get("paused"), "the probes were refused too, so the partner stays paused");
    assertTrue(
        ids.stream().allMatch(id -> "PENDING".equals(status(id))), "nothing is failed for it");
    List<String> neverSent = new ArrayList<>();
    for (String id : ids) {
      if (sandbox.meta().createCallsFor(id) == 0) {
        neverSent.add(id);
      }
    }

    String officer = TestTokens.get().officer("officer-1");
    assertEquals(403, api.post("/api/v1/admin/partners/meta/resume", officer, "").status());
    sandbox.meta().reset();
    String admin = TestTokens.get().admin("admin-1");
    Api.Answer resumed = api.post("/api/v1/admin/partners/meta/resume", admin, "");
    assertEquals(200, resumed.status(), resumed.body());
    assertEquals(false, resumed.json().get("paused"));
    // at once, with the clock where it stood: the requests Meta never saw ...
    for (String id : neverSent) {
      requests.awaitStatus(id, "SUBMITTED");
    }
    // ... and the refused ones once their own retry time, a pause after the refusal, has come
    clock.advance(UNAUTHORIZED_PAUSE);
    for (String id : ids) {
      requests.awaitStatus(id, "SUBMITTED");
    }
    assertEquals(
        404,
        api.withInvalidRequest().post("/api/v1/admin/partners/myspace/resume", admin, "").status());
  }

  private String submitOne(String url) {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(url, "TAKEDOWN")));
    return (String) requests.submit(body).get(0).get("id");
  }

  private String status(String id) {
    return (String) requests.get(id).get("status");
  }

  private static String tiktokUrl(int n) {
    return "https://www.tiktok.com/@scam.invest.ma/video/73123456789013" + (10000 + n);
  }

  /** No Meta call in flight: every call granted so far has its answer. */
  private boolean metaIdle() {
    return lanes.budgets().get(Platform.META).freeSlots() == CONCURRENCY;
  }

  private long heldForMillis(String partner) {
    return ((Number) partner(partner).get("heldForMillis")).longValue();
  }

  private Map<String, Object> meta() {
    return partner("meta");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> partner(String partner) {
    Api.Answer answer = api.get("/api/v1/admin/partners", TestTokens.get().admin("admin-1"));
    assertEquals(200, answer.status(), answer.body());
    return (Map<String, Object>) answer.json().get(partner);
  }
}
