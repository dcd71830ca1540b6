package org.takedown.gateway.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * {@code /metrics} and {@code /health} need no token, so anyone can call them in a loop. 2,000 such
 * calls from 20 threads, while a submitter keeps sending cases: every case is accepted, and
 * PostgreSQL itself ({@code pg_stat_statements}, on a PostgreSQL of this test's own) reports that
 * the request table was counted on the snapshot's schedule (default interval, 5 s), not per call,
 * and that {@code /health}'s database checks were shared rather than one per call.
 */
class AnonymousProbeFloodIT {

  private static final int THREADS = 20;
  private static final int PROBES = 2_000;
  private static final int SUBMITTERS = 2;
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String DATABASE = "probe_flood";
  // the defaults of gateway.operations.snapshot-interval and .database-check-reuse
  private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration CHECK_REUSE = Duration.ofSeconds(1);

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
  void aFloodOfAnonymousProbesNeitherFailsIntakeNorCountsTheTableOnEachCall() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .start();
    execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + DATABASE);
    DataSource database = postgres.getDatabase("postgres", DATABASE);
    execute(database, "CREATE EXTENSION pg_stat_statements");
    // the statistics refresher (every 2 s by default) counts requests too, on its own schedule
    // and never per call: its first round only, so that what is counted here is the snapshot's
    gateway =
        ApplicationContext.run(
            new HashMap<>(
                TestGateway.propertiesOn(
                    postgres.getJdbcUrl("postgres", DATABASE),
                    "gateway.statistics.refresh-interval",
                    "1000d")),
            "test");
    EmbeddedServer server = gateway.getBean(EmbeddedServer.class);
    server.start();
    Api api = new Api(server.getURL(), gateway.getBean(JsonMapper.class));

    Intake intake = new Intake(api, TestTokens.get().submitter("probe-flood"));
    List<Thread> submitters = new ArrayList<>();
    for (int i = 0; i < SUBMITTERS; i++) {
      Thread submitter = new Thread(intake, "intake-" + i);
      submitter.start();
      submitters.add(submitter);
    }
    Queue<String> failedProbes = new ConcurrentLinkedQueue<>();
    int acceptedDuringFlood;
    long started;
    try {
      await().atMost(PATIENCE).until(() -> intake.accepted.get() >= SUBMITTERS);
      execute(database, "SELECT pg_stat_statements_reset()");
      started = System.nanoTime();
      int acceptedBefore = intake.accepted.get();

      flood(api, failedProbes);

      acceptedDuringFlood = intake.accepted.get() - acceptedBefore;
    } finally {
      intake.running = false;
      for (Thread submitter : submitters) {
        submitter.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    Statements statements = statements(database);
    double elapsed = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "probe flood: %d probes in %.1f s beside %d cases; PostgreSQL ran %d counting queries"
            + " of the request table, %d database checks, %d case inserts%n",
        PROBES,
        elapsed,
        acceptedDuringFlood,
        statements.counting(),
        statements.checks(),
        statements.caseInserts());

    assertEquals(List.of(), List.copyOf(intake.refused), "intake answers other than 201");
    assertEquals(List.of(), List.copyOf(failedProbes), "probes answered other than 200");
    assertTrue(acceptedDuringFlood > 0, "no case was submitted during the flood");
    assertTrue(statements.caseInserts() > 0, "pg_stat_statements saw no intake: " + statements);
    long countingBound = (long) (elapsed / SNAPSHOT_INTERVAL.toSeconds()) + 2;
    assertTrue(
        statements.counting() <= countingBound,
        "the request table was counted "
            + statements.counting()
            + " times in "
            + elapsed
            + " s: more than once per snapshot interval");
    long checkBound = (long) (elapsed / CHECK_REUSE.toSeconds()) + 2;
    assertTrue(
        statements.checks() <= checkBound,
        "/health checked the database "
            + statements.checks()
            + " times in "
            + elapsed
            + " s for "
            + PROBES / 2
            + " calls: its checks are not shared");
  }

  /** {@link #PROBES} anonymous GETs from {@link #THREADS} threads, half /metrics, half /health. */
  private static void flood(Api api, Queue<String> failures) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < PROBES / THREADS; i++) {
                    String path = (thread + i) % 2 == 0 ? "/metrics" : "/health";
                    Api.Answer answer = api.get(path, null);
                    if (answer.status() != 200) {
                      failures.add(path + " " + answer.status() + " " + answer.body());
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> thread : done) {
        thread.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** Calls PostgreSQL counted in the gateway's database since the reset. */
  private record Statements(long counting, long checks, long caseInserts) {}

  private static Statements statements(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT coalesce(sum(calls) FILTER (WHERE query ILIKE '%count(%'"
                    + " AND query ILIKE '%FROM takedown_request%'), 0) AS counting,"
                    + " coalesce(sum(calls) FILTER (WHERE query ILIKE '%current_database() AS database_check%'), 0)"
                    + " AS checks,"
                    + " coalesce(sum(calls) FILTER (WHERE query ILIKE 'INSERT INTO takedown_case %'),"
                    + " 0) AS case_inserts"
                    + " FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND query NOT ILIKE '%pg_stat_statements%'")) {
      rows.next();
      return new Statements(
          rows.getLong("counting"), rows.getLong("checks"), rows.getLong("case_inserts"));
    }
  }

  private static void execute(DataSource database, String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Submitters sending cases one after another until told to stop; keeps every refusal. */
  private static final class Intake implements Runnable {

    final AtomicInteger accepted = new AtomicInteger();
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final Api api;
    private final String token;
    volatile boolean running = true;

    Intake(Api api, String token) {
      this.api = api;
      this.token = token;
    }

    @Override
    public void run() {
      while (running) {
        try {
          Api.Answer answer = api.post("/api/v1/cases", token, api.toJson(Cases.sample()));
          if (answer.status() == 201) {
            accepted.incrementAndGet();
          } else {
            refused.add(answer.status() + " " + answer.body());
          }
        } catch (RuntimeException | AssertionError e) {
          refused.add(e.toString());
        }
      }
    }
  }
}
