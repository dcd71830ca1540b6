package org.takedown.gateway.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.testing.MutableClock;

/**
 * {@code GET /metrics}: Prometheus text without a token, with the request gauges read from the
 * database by the snapshot, every 100 ms here (5 s by default), so the figures are awaited. Nothing
 * is dispatched here, so requests stay where the test puts them, and the clock only moves when the
 * test moves it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  Api api;
  Requests requests;
  private Map<String, String> properties;

  @Override
  public Map<String, String> getProperties() {
    properties =
        TestGateway.properties(
            "gateway.dispatch.enabled",
            "false",
            "test.mutable-clock",
            "true",
            "gateway.operations.snapshot-interval",
            "100ms");
    return properties;
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
  }

  @Test
  void servesPrometheusTextWithoutAToken() {
    Api.Answer answer = api.get("/metrics", null);

    assertEquals(200, answer.status(), answer.body());
    String contentType = answer.header("Content-Type");
    assertTrue(contentType.startsWith("text/plain"), contentType);
    assertTrue(contentType.contains("version=0.0.4"), contentType);
    String body = answer.body();
    assertTrue(body.contains("# TYPE takedown_backlog gauge"), body);
    assertTrue(body.contains("# HELP takedown_backlog PENDING requests due"), body);
    assertTrue(body.contains("# TYPE takedown_oldest_due_age_seconds gauge"), body);
    assertTrue(body.contains("# TYPE takedown_snapshot_age_seconds gauge"), body);
    Map<String, Double> samples = samples(body);
    assertEquals(1.0, samples.get("takedown_database_up"));
    for (String meter :
        List.of(
            "jvm_memory_used_bytes{area=\"heap\"",
            "process_cpu_usage",
            "hikaricp_connections_active{pool=")) {
      assertTrue(
          samples.keySet().stream().anyMatch(name -> name.startsWith(meter)), meter + " missing");
    }
  }

  @Test
  void timesTheHttpRequestsItServes() {
    assertEquals(200, api.get("/health", null).status());

    // the server records a request once its response is written: give it that moment
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                api.get("/metrics", null)
                    .body()
                    .contains(
                        "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "status=\"200\",uri=\"/health\"}"));
  }

  @Test
  void countsRequestsByPartnerAndStateAndMeasuresTheDueBacklog() throws SQLException {
    // A: one TikTok takedown, due from now on
    Map<String, Object> first = Cases.sample();
    first.put("items", List.of(Cases.item(Cases.TIKTOK_URL, "TAKEDOWN")));
    requests.submit(first);
    clock.advance(Duration.ofSeconds(100));
    // B: TikTok takedown + preservation, a Meta and a Google takedown, due 100 s after A
    List<Map<String, Object>> second = requests.submit(Cases.sample());
    clock.advance(Duration.ofSeconds(20));
    assertEquals(200, requests.act(second.get(1).get("id"), "cancel").status());
    // B's Google request waits for a retry an hour from now: PENDING, but not due
    postponeNextAttempt(second.get(3).get("id"), Duration.ofHours(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Double> samples = samples(api.get("/metrics", null).body());
              assertEquals(2.0, sample(samples, "takedown_requests", "tiktok", "PENDING"));
              assertEquals(1.0, sample(samples, "takedown_requests", "tiktok", "CANCELLED"));
              assertEquals(1.0, sample(samples, "takedown_requests", "meta", "PENDING"));
              assertEquals(1.0, sample(samples, "takedown_requests", "google", "PENDING"));
              assertEquals(0.0, sample(samples, "takedown_requests", "google", "SUBMITTED"));
              assertEquals(2.0, sample(samples, "takedown_backlog", "tiktok", null));
              assertEquals(1.0, sample(samples, "takedown_backlog", "meta", null));
              assertEquals(0.0, sample(samples, "takedown_backlog", "google", null));
              assertEquals(
                  120.0, sample(samples, "takedown_oldest_due_age_seconds", "tiktok", null), 1e-3);
              assertEquals(
                  20.0, sample(samples, "takedown_oldest_due_age_seconds", "meta", null), 1e-3);
              assertEquals(0.0, sample(samples, "takedown_oldest_due_age_seconds", "google", null));
            });

    clock.advance(Duration.ofSeconds(30));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertEquals(
                    150.0,
                    sample(
                        samples(api.get("/metrics", null).body()),
                        "takedown_oldest_due_age_seconds",
                        "tiktok",
                        null),
                    1e-3));
  }

  private void postponeNextAttempt(Object requestId, Duration delay) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(properties.get("datasources.default.url"), "postgres", "");
        PreparedStatement statement =
            connection.prepareStatement(
                "UPDATE takedown_request SET next_attempt_at = ? WHERE id = ?")) {
      statement.setObject(
          1,
          java.time.OffsetDateTime.ofInstant(
              clock.instant().plus(delay), java.time.ZoneOffset.UTC));
      statement.setObject(2, UUID.fromString((String) requestId));
      assertEquals(1, statement.executeUpdate());
    }
  }

  private static double sample(
      Map<String, Double> samples, String name, String partner, String state) {
    String key =
        name
            + "{partner=\""
            + partner
            + "\""
            + (state == null ? "" : ",state=\"" + state + "\"")
            + "}";
    Double value = samples.get(key);
    assertNotNull(value, key + " missing");
    return value;
  }

  /** Prometheus text lines {@code name{labels} value}, keyed by name and labels. */
  static Map<String, Double> samples(String body) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }
}
