package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.statistics.StatisticsSeed.Cohort;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * The stored days and their refresher (V17, {@link RefreshStatisticsDays}): what a call reads when
 * the refresher is current, behind, or held back by a transaction still open, always compared with
 * the figures computed from the requests and their history. In order: the clock only advances.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsDaysIT implements TestPropertyProvider {

  static final StatisticsQuery MARCH =
      StatisticsQuery.parse("2026-03-01", "2026-04-01", "platform,category", null);

  @Inject MutableClock clock;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject ComputeStatistics statistics;
  @Inject StatisticsFromRequests fromRequests;
  @Inject RefreshStatisticsDays refresher;

  @Inject StatisticsSeed seed;
  String databaseUrl;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = StatisticsSeed.gatewayProperties();
    databaseUrl = properties.get("datasources.default.url");
    return properties;
  }

  @Test
  @Order(1)
  void afterARefreshTheFiguresAreReadFromTheStoredDays() {
    Cohort cohort =
        seed.create(
            Platform.META,
            "FRAUD",
            "ROUTINE",
            "TAKEDOWN",
            Instant.parse("2026-03-10T10:00:00Z"),
            3);
    refresher.refresh();
    Statistics computed = fromRequests.compute(MARCH, now());
    assertEquals(computed, statistics.compute(MARCH));

    // a stored row made wrong on purpose shows: the call read it rather than the requests
    superuser("UPDATE statistics_day SET requests = requests + 1000 WHERE day = '2026-03-10'");
    long shown = statistics.compute(MARCH).totals().requests();
    assertEquals(
        computed.totals().requests() + 1000, shown, "the stored day is what the call read");

    // a change to a request of that day: the day is computed again by the call, before any refresh
    seed.cancel(StatisticsSeed.of(cohort, 0, 1));
    assertEquals(fromRequests.compute(MARCH, now()), statistics.compute(MARCH));
    // and the refresher stores it right
    refresher.refresh();
    assertEquals(fromRequests.compute(MARCH, now()), statistics.compute(MARCH));
  }

  @Test
  @Order(2)
  void aChangeCommittedAfterARefreshBeganIsNeverSkipped() throws Exception {
    Cohort cohort =
        seed.create(
            Platform.TIKTOK,
            "SEXTORTION",
            "URGENT",
            "TAKEDOWN",
            Instant.parse("2026-03-12T09:00:00Z"),
            2);
    refresher.refresh();
    UUID late = cohort.ids().get(0);
    try (Connection open = DriverManager.getConnection(databaseUrl, "postgres", "")) {
      open.setAutoCommit(false);
      try (PreparedStatement cancel =
          open.prepareStatement(
              "UPDATE takedown_request SET status = 'CANCELLED', updated_at = ? WHERE id = ?")) {
        PgTime.set(cancel, 1, clock.instant());
        cancel.setObject(2, late);
        assertEquals(1, cancel.executeUpdate());
      }
      // an event after it commits first and is refreshed while the first is still open
      seed.cancel(StatisticsSeed.of(cohort, 1, 2));
      assertTrue(refresher.refresh().ran());
      open.commit();
    }
    assertEquals(fromRequests.compute(MARCH, now()), statistics.compute(MARCH));
    refresher.refresh();
    assertEquals(fromRequests.compute(MARCH, now()), statistics.compute(MARCH));
    assertEquals(0, eventsNotRefreshed(), "the refresher passed the late event once committed");
  }

  private Instant now() {
    return PgTime.micros(clock.instant());
  }

  private long eventsNotRefreshed() {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT count(*) FROM request_event e, statistics_refresh s"
                    + " WHERE (e.txid, e.id) > (s.event_txid, s.event_id)",
                statement -> {
                  try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                  }
                }));
  }

  private void superuser(String sql) {
    transactions.executeWrite(status -> jdbc.prepareStatement(sql, s -> s.executeUpdate()));
  }
}
