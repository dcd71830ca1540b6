package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.testing.MutableClock;

/**
 * A partner outage opens its circuit breaker: while it is open the partner sees only the breaker's
 * probes, not one call per due request, and nothing is failed or counted as an attempt; once the
 * partner is back a probe closes the breaker and the backlog drains. Calls the gateway's clock saw
 * take longer than {@code slow-call} open it too.
 *
 * <p>The gateway's clock stands still unless a test moves it: the breaker stays open until the test
 * has moved it past {@code open-wait}, so each probe window is one step of the test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakerIT implements TestPropertyProvider {

  private static final int REQUESTS = 30;
  private static final int CONCURRENCY = 4;
  private static final Duration OPEN_WAIT = Duration.ofSeconds(1);
  // resilience4j lets a probe through once its clock is past open-wait, not when it reaches it
  private static final Duration PAST_OPEN_WAIT = OPEN_WAIT.plusMillis(1);
  private static final Duration SLOW_CALL = Duration.ofSeconds(8);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject PartnerLanes lanes;
  @Inject MutableClock clock;
  final PartnerSandbox sandbox = TestGateway.sandbox();

  /**
   * While set, each Google create call moves the gateway's clock this far before it is answered.
   */
  private final AtomicReference<Duration> googleCallsTake = new AtomicReference<>();

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "test.mutable-clock", "true",
        "gateway.partners.meta.breaker.minimum-calls", "4",
        "gateway.partners.meta.breaker.window", "8",
        "gateway.partners.meta.breaker.failure-rate", "50",
        "gateway.partners.meta.breaker.open-wait", OPEN_WAIT.toMillis() + "ms",
        "gateway.partners.meta.breaker.half-open-calls", "1",
        "gateway.partners.meta.concurrency", String.valueOf(CONCURRENCY),
        "gateway.partners.google.breaker.minimum-calls", "4",
        "gateway.partners.google.breaker.window", "4",
        "gateway.partners.google.breaker.slow-call", SLOW_CALL.toMillis() + "ms",
        "gateway.partners.google.breaker.slow-call-rate", "50",
        "gateway.partners.google.breaker.open-wait", "1h",
        "gateway.dispatch.max-attempts", "1000",
        "gateway.polling.enabled", "false");
  }

  @BeforeAll
  void moveTheClockDuringGoogleCalls() {
    // answered after this runs: the call took that long on the gateway's clock
    sandbox
        .google()
        .wireMock()
        .addMockServiceRequestListener(
            (request, response) -> {
              Duration took = googleCallsTake.get();
              if (took != null
                  && request.getMethod().value().equals("POST")
                  && request.getUrl().startsWith("/v1/legalRequests")) {
                clock.advance(took);
              }
            });
  }

  @AfterAll
  void clearFaults() {
    googleCallsTake.set(null);
    sandbox.meta().reset();
  }

  @Test
  void anOutageOpensTheBreakerAndOnlyProbesReachThePartnerUntilItRecovers() {
    Api api = new Api(server.getURL(), json);
    Requests requests = new Requests(api);
    MetaSimulator meta = sandbox.meta();
    // counted as the breaker moves, not when a test thread gets round to looking
    AtomicInteger callsWhenOpened = new AtomicInteger(-1);
    AtomicInteger probeWindows = new AtomicInteger();
    lanes
        .budgets()
        .get(Platform.META)
        .breaker()
        .getEventPublisher()
        .onStateTransition(
            event -> {
              CircuitBreaker.State to = event.getStateTransition().getToState();
              if (to == CircuitBreaker.State.OPEN) {
                callsWhenOpened.compareAndSet(-1, meta.createCalls());
              } else if (to == CircuitBreaker.State.HALF_OPEN) {
                probeWindows.incrementAndGet();
              }
            });
    meta.reset();
    meta.failNextCreates(100_000, 503, MetaSimulator.errorBody(2, "Service temporarily down"));

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Map<String, Object> body = Cases.sample();
      body.put(
          "items", List.of(Cases.item("https://www.instagram.com/p/Outage" + i + "/", "TAKEDOWN")));
      ids.add((String) requests.submit(body).get(0).get("id"));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !"CLOSED".equals(metaHealth(api).get("circuit")));
    awaitMetaCircuit(CircuitBreaker.State.OPEN);
    // rounds of open-wait then one probe each, while all 30 requests stay due
    for (int window = 1; window <= 3; window++) {
      assertEquals(window - 1, probeWindows.get(), "no probe before open-wait has passed");
      clock.advance(PAST_OPEN_WAIT);
      int probed = window;
      await().atMost(Duration.ofSeconds(20)).until(() -> probeWindows.get() >= probed);
      awaitMetaCircuit(CircuitBreaker.State.OPEN);
    }
    int callsWhileOpen = meta.createCalls() - callsWhenOpened.get();
    int windows = probeWindows.get();
    System.out.printf(
        "breaker: opened after %d calls; %d calls in %d probe windows while %d requests were"
            + " due%n",
        callsWhenOpened.get(), callsWhileOpen, windows, REQUESTS);
    assertTrue(
        callsWhenOpened.get() <= 8 + CONCURRENCY,
        "opened within its window (plus calls already granted): " + callsWhenOpened);
    assertTrue(
        callsWhileOpen <= CONCURRENCY + windows,
        "only probes while open (plus calls granted before it opened): " + callsWhileOpen);
    for (String id : ids) {
      assertEquals("PENDING", requests.get(id).get("status"), "nothing fails for an outage");
    }

    long recoveredAt = System.nanoTime();
    meta.reset();
    clock.advance(PAST_OPEN_WAIT);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ids.stream().allMatch(id -> "SUBMITTED".equals(requests.get(id).get("status"))));
    Duration drain = Duration.ofNanos(System.nanoTime() - recoveredAt);
    System.out.printf(
        "breaker: backlog of %d drained %d ms after the partner came back%n",
        REQUESTS, drain.toMillis());
    assertEquals("CLOSED", metaHealth(api).get("circuit"));
    assertEquals(REQUESTS, meta.requestCount(), "each request reached the partner once");
  }

  @Test
  void callsTheGatewaysClockSawTakeLongerThanSlowCallOpenTheBreaker() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    List<String> ids = new ArrayList<>();
    googleCallsTake.set(SLOW_CALL.plusSeconds(1));
    try {
      for (int i = 0; i < 4; i++) {
        Map<String, Object> body = Cases.sample();
        body.put("items", List.of(Cases.item(Cases.freshUrl(Platform.GOOGLE), "TAKEDOWN")));
        ids.add((String) requests.submit(body).get(0).get("id"));
      }
      for (String id : ids) {
        requests.awaitStatus(id, "SUBMITTED");
      }
    } finally {
      googleCallsTake.set(null);
    }

    // the calls succeeded, but slowly: all four in a window of four
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lanes.circuit(Platform.GOOGLE).orElseThrow() == CircuitBreaker.State.OPEN);
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(Cases.freshUrl(Platform.GOOGLE), "TAKEDOWN")));
    int calls = sandbox.google().createCalls();
    String held = (String) requests.submit(body).get(0).get("id");
    assertEquals("PENDING", requests.get(held).get("status"));
    assertEquals(calls, sandbox.google().createCalls(), "nothing is sent while it is open");
  }

  private void awaitMetaCircuit(CircuitBreaker.State state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lanes.circuit(Platform.META).orElseThrow() == state);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metaHealth(Api api) {
    Map<String, Object> partners =
        (Map<String, Object>) api.get("/health", null).json().get("partners");
    return (Map<String, Object>) partners.get("meta");
  }
}
