package org.takedown.gateway.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.PartnerSimulator;

/**
 * PostgreSQL stops under load and starts again, while the gateway keeps running: intake answers 503
 * problems in the meantime (never a 500), and once the database is back everything resumes without
 * anyone touching the gateway, and every case it accepted reaches its partners.
 */
class DatabaseOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  // pacing of the client loop: a steady trickle of submissions, not a wait for async work
  private static final Duration PACE = Duration.ofMillis(40);

  @TempDir Path dataDirectory;

  private EmbeddedPostgres postgres;
  private ApplicationContext gateway;

  @AfterEach
  void stop() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void answers503WhileTheDatabaseIsDownAndDeliversEveryAcceptedCaseOnceItIsBack() throws Exception {
    int port = freePort();
    postgres = startPostgres(port);
    gateway =
        ApplicationContext.run(
            new HashMap<>(
                TestGateway.propertiesOn(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "datasources.default.connection-timeout",
                    "2000",
                    // a delivery whose result could not be recorded is sent again when its lease
                    // runs out: keep the lease short (it must exceed every adapter's longest
                    // call, 4 x the TikTok and Google timeouts)
                    "gateway.partners.meta.connect-timeout",
                    "1s",
                    "gateway.partners.meta.read-timeout",
                    "2s",
                    "gateway.partners.tiktok.connect-timeout",
                    "1s",
                    "gateway.partners.tiktok.read-timeout",
                    "2s",
                    "gateway.partners.google.connect-timeout",
                    "1s",
                    "gateway.partners.google.read-timeout",
                    "2s",
                    "gateway.dispatch.lease",
                    "15s")),
            "test");
    EmbeddedServer server = gateway.getBean(EmbeddedServer.class);
    server.start();
    Api api = new Api(server.getURL(), gateway.getBean(JsonMapper.class));
    String officer = TestTokens.get().officer("officer-1");

    PacedIntake intake = new PacedIntake(api, TestTokens.get().submitter("outage-submitter"));
    Thread client = new Thread(intake, "paced-intake");
    client.start();
    try {
      await().atMost(PATIENCE).until(() -> intake.accepted.size() >= 3);
      String knownCase = (String) intake.accepted.peek().json().get("id");

      postgres.close();
      int acceptedBeforeOutage = intake.accepted.size();
      await().atMost(PATIENCE).until(() -> !intake.unavailable.isEmpty());
      assertUnavailableProblem(api.get("/api/v1/cases/" + knownCase, officer));
      Api.Answer health = api.get("/health", null);
      assertEquals(503, health.status());
      assertTrue(
          health.body().contains("\"meta\":{\"circuit\":"),
          "partners are still described while the database is down: " + health.body());
      // the gauges come from a snapshot read every gateway.operations.snapshot-interval: its
      // next reading fails and says so
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                Api.Answer metrics = api.get("/metrics", null);
                return metrics.status() == 200
                    && metrics.body().contains("\ntakedown_database_up 0.0\n");
              });

      postgres = startPostgres(port);
      int acceptedDuringOutage = intake.accepted.size();
      await().atMost(PATIENCE).until(() -> intake.accepted.size() >= acceptedDuringOutage + 3);
      // /health reuses a database check for up to gateway.operations.database-check-reuse
      await().atMost(PATIENCE).until(() -> api.get("/health", null).status() == 200);
      assertEquals(200, api.get("/api/v1/cases/" + knownCase, officer).status());
      assertTrue(acceptedBeforeOutage >= 3);
    } finally {
      intake.running = false;
      client.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertEquals(List.of(), intake.unexpected, "answers other than 201 and 503");
    assertFalse(intake.unavailable.isEmpty(), "no 503 while the database was down");
    intake.unavailable.forEach(DatabaseOutageIT::assertUnavailableProblem);

    Map<String, String> accepted = new HashMap<>();
    for (Api.Answer answer : intake.accepted) {
      for (Map<String, Object> request : answer.list("requests")) {
        accepted.put((String) request.get("id"), (String) request.get("platform"));
      }
    }
    PartnerSandbox sandbox = TestGateway.sandbox();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertEquals(Set.of(), undelivered(accepted, sandbox), "never sent to partner"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertEquals(Set.of(), stillPending(api, officer, accepted), "still PENDING"));

    assertMigrationsRanOnce(postgres);
  }

  private static void assertUnavailableProblem(Api.Answer answer) {
    assertEquals(503, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertNotNull(answer.header("Retry-After"), "Retry-After");
    Map<String, Object> problem = answer.json();
    assertEquals("urn:takedown-gateway:problem:service-unavailable", problem.get("type"));
    assertEquals(503, problem.get("status"));
    assertNotNull(problem.get("correlationId"));
    for (String leak : List.of("Exception", "SQL", "select", "insert", "at org.", "postgres")) {
      assertFalse(
          answer.body().toLowerCase().contains(leak.toLowerCase()),
          "leaks " + leak + ": " + answer.body());
    }
  }

  private static Set<String> undelivered(Map<String, String> requests, PartnerSandbox sandbox) {
    Set<String> missing = new TreeSet<>();
    requests.forEach(
        (id, platform) -> {
          PartnerSimulator partner =
              switch (platform) {
                case "META" -> sandbox.meta();
                case "TIKTOK" -> sandbox.tiktok();
                default -> sandbox.google();
              };
          if (partner.createCallsFor(id) == 0) {
            missing.add(platform + " " + id);
          }
        });
    return missing;
  }

  private static Set<String> stillPending(Api api, String officer, Map<String, String> requests) {
    Set<String> pending = new TreeSet<>();
    for (String id : requests.keySet()) {
      Api.Answer answer = api.get("/api/v1/requests/" + id, officer);
      if (answer.status() != 200 || "PENDING".equals(answer.json().get("status"))) {
        pending.add(id + " (" + answer.status() + ")");
      }
    }
    return pending;
  }

  private static void assertMigrationsRanOnce(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) AS runs, count(DISTINCT version) AS versions,"
                    + " count(*) FILTER (WHERE NOT success) AS failed"
                    + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
      rows.next();
      assertTrue(rows.getLong("versions") > 0);
      assertEquals(rows.getLong("versions"), rows.getLong("runs"), "a migration ran twice");
      assertEquals(0, rows.getLong("failed"));
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A client that submits a new case every {@link #PACE} and sorts the answers it gets. */
  private static final class PacedIntake implements Runnable {

    final ConcurrentLinkedQueue<Api.Answer> accepted = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Api.Answer> unavailable = new ConcurrentLinkedQueue<>();
    final List<String> unexpected = new ArrayList<>();
    private final Api api;
    private final String token;
    volatile boolean running = true;

    PacedIntake(Api api, String token) {
      this.api = api;
      this.token = token;
    }

    @Override
    public void run() {
      int sequence = 0;
      while (running) {
        String body = api.toJson(Cases.sample("OUTAGE-" + ++sequence));
        try {
          Api.Answer answer = api.post("/api/v1/cases", token, body);
          switch (answer.status()) {
            case 201 -> accepted.add(answer);
            case 503 -> unavailable.add(answer);
            default -> record(answer.status() + " " + answer.body());
          }
          TimeUnit.MILLISECONDS.sleep(PACE.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException | AssertionError e) {
          record(e.toString());
        }
      }
    }

    private synchronized void record(String answer) {
      unexpected.add(answer);
    }
  }
}
