package org.takedown.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console stage's data is what the gateway itself would have written: the gateway's schema
 * (migrated from its sources, so that a new migration the seed does not fit fails here, not in a
 * bench run) takes it, and every request's columns and history agree with its state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSeedTest {

  private static final Path MIGRATIONS =
      Path.of("..", "gateway", "src", "main", "resources", "db", "migration").toAbsolutePath();

  @TempDir static Path dir;
  private EmbeddedPostgres postgres;
  private String jdbc;

  @BeforeAll
  void seed() throws Exception {
    postgres = BenchMain.postgresOn(dir, false).start();
    jdbc = postgres.getJdbcUrl("postgres", "postgres");
    Flyway.configure()
        .dataSource(jdbc, "postgres", "")
        .locations("filesystem:" + MIGRATIONS)
        .load()
        .migrate();
    ConsoleSeed.run(new Options(new String[] {"--jdbc", jdbc, "--requests", "4000"}, 0));
  }

  @AfterAll
  void stop() throws Exception {
    postgres.close();
  }

  @Test
  void writesTwoRequestsACaseWithTheirItems() throws Exception {
    assertEquals(4000, count("SELECT count(*) FROM takedown_request"));
    assertEquals(2000, count("SELECT count(*) FROM takedown_case"));
    assertEquals(4000, count("SELECT count(*) FROM case_item"));
  }

  @Test
  void spreadsTheUnitsMixOverAYear() throws Exception {
    long fraud = count("SELECT count(*) FROM takedown_request WHERE category = 'FRAUD'");
    assertTrue(fraud > 2000 && fraud < 2800, "FRAUD " + fraud + " of 4000");
    assertTrue(count("SELECT count(*) FROM takedown_request WHERE category = 'TERRORISM'") > 0);
    assertEquals(
        3, count("SELECT count(DISTINCT platform) FROM takedown_request"), "every partner");
    assertTrue(
        count(
                "SELECT count(*) FROM takedown_request WHERE created_at < now() - interval '300 days'")
            > 0);
  }

  @Test
  void leavesTheLastDaysOpenSomeOverdue() throws Exception {
    for (String status : new String[] {"PENDING", "SUBMITTED", "IN_REVIEW"}) {
      assertTrue(
          count("SELECT count(*) FROM takedown_request WHERE status = '" + status + "'") > 0,
          status);
    }
    assertTrue(
        count(
                "SELECT count(*) FROM takedown_request WHERE due_at < now()"
                    + " AND status IN ('PENDING', 'SUBMITTED', 'IN_REVIEW')")
            > 0,
        "overdue requests for the work queue");
    for (String status : new String[] {"COMPLETED", "FAILED", "CANCELLED", "EXPIRED"}) {
      assertTrue(
          count("SELECT count(*) FROM takedown_request WHERE status = '" + status + "'") > 0,
          status);
    }
  }

  @Test
  void givesEachStateWhatItImplies() throws Exception {
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request WHERE status = 'COMPLETED'"
                + " AND (outcome IS NULL OR partner_ref IS NULL)"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request WHERE outcome = 'PRESERVED'"
                + " AND preserved_until IS NULL"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request WHERE status = 'FAILED' AND last_error IS NULL"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request WHERE status = 'PENDING'"
                + " AND next_attempt_at IS NULL"));
  }

  @Test
  void givesEachRequestTheHistoryOfItsState() throws Exception {
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request r WHERE (SELECT h.to_status FROM"
                + " request_history h WHERE h.request_id = r.id ORDER BY h.at, h.id LIMIT 1)"
                + " IS DISTINCT FROM 'PENDING'"),
        "each history starts with the filing");
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM takedown_request r WHERE (SELECT h.to_status FROM"
                + " request_history h WHERE h.request_id = r.id ORDER BY h.at DESC, h.id DESC"
                + " LIMIT 1) IS DISTINCT FROM r.status"),
        "each history ends in the request's state");
  }

  private long count(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection(jdbc);
        Statement statement = db.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
