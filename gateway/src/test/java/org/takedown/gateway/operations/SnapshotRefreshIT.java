package org.takedown.gateway.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * {@code /metrics} and {@code /health} answer from one snapshot of the request table, read on a
 * schedule (every 200 ms here): a new request shows in both once the next reading is taken, and
 * both say how old the figures are. Nothing is dispatched, so requests stay PENDING.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotRefreshIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "gateway.operations.snapshot-interval", "200ms");
  }

  @Test
  void aNewRequestShowsInMetricsAndHealthOnceTheSnapshotIsReadAgain() {
    Api api = new Api(server.getURL(), json);
    Requests requests = new Requests(api);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertEquals(0L, backlog(api, "meta")));

    requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN"));
    requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN", "PRESERVATION"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertEquals(3L, backlog(api, "meta"));
              assertEquals(0L, backlog(api, "tiktok"));
              Map<String, Double> samples = MetricsIT.samples(api.get("/metrics", null).body());
              assertEquals(
                  3.0, samples.get("takedown_requests{partner=\"meta\",state=\"PENDING\"}"));
              assertEquals(3.0, samples.get("takedown_backlog{partner=\"meta\"}"));
            });
  }

  @Test
  void bothSayHowOldTheirFiguresAre() {
    Api api = new Api(server.getURL(), json);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Object> snapshot = snapshot(api);
              assertNotNull(snapshot.get("readAt"), "no reading yet: " + snapshot);
              Instant readAt = Instant.parse((String) snapshot.get("readAt"));
              assertTrue(readAt.isBefore(Instant.now().plusSeconds(1)), readAt.toString());
              Number age = assertInstanceOf(Number.class, snapshot.get("ageSeconds"));
              assertTrue(age.doubleValue() >= 0, snapshot.toString());
              Double gauge =
                  MetricsIT.samples(api.get("/metrics", null).body())
                      .get("takedown_snapshot_age_seconds");
              assertNotNull(gauge, "takedown_snapshot_age_seconds missing");
              assertTrue(gauge >= 0, "age " + gauge);
            });
  }

  @SuppressWarnings("unchecked")
  private static long backlog(Api api, String partner) {
    Api.Answer health = api.get("/health", null);
    assertEquals(200, health.status(), health.body());
    Map<String, Object> partners = (Map<String, Object>) health.json().get("partners");
    return ((Number) ((Map<String, Object>) partners.get(partner)).get("backlog")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> snapshot(Api api) {
    Api.Answer health = api.get("/health", null);
    assertEquals(200, health.status(), health.body());
    return (Map<String, Object>) health.json().get("snapshot");
  }
}
