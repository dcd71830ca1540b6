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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;

/**
 * A partner outage opens its circuit breaker: while it is open the partner sees only the breaker's
 * probes, not one call per due request, and nothing is failed or counted as an attempt; once the
 * partner is back a probe closes the breaker and the backlog drains.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakerIT implements TestPropertyProvider {

  private static final int REQUESTS = 30;
  private static final int CONCURRENCY = 4;
  private static final Duration OPEN_WAIT = Duration.ofSeconds(1);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject PartnerLanes lanes;
  final PartnerSandbox sandbox = TestGateway.sandbox();

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.partners.meta.breaker.minimum-calls", "4",
        "gateway.partners.meta.breaker.window", "8",
        "gateway.partners.meta.breaker.failure-rate", "50",
        "gateway.partners.meta.breaker.open-wait", OPEN_WAIT.toMillis() + "ms",
        "gateway.partners.meta.breaker.half-open-calls", "1",
        "gateway.partners.meta.concurrency", String.valueOf(CONCURRENCY),
        "gateway.dispatch.max-attempts", "1000",
        "gateway.polling.enabled", "false");
  }

  @AfterAll
  void clearFaults() {
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
    // rounds of open-wait then one probe each, while all 30 requests stay due
    await().atMost(Duration.ofSeconds(20)).until(() -> probeWindows.get() >= 3);
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metaHealth(Api api) {
    Map<String, Object> partners =
        (Map<String, Object>) api.get("/health", null).json().get("partners");
    return (Map<String, Object>) partners.get("meta");
  }
}
