package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.platform.Platform;

/**
 * Guards today's plans of the statistics: however often a call is made, each of its statements is
 * planned for the period and the moment it is given, never with PostgreSQL's generic plan. A
 * generic plan cannot tell a year from a day, nor the few overdue requests from the year's: over a
 * million requests it read the whole creation index at each call (190 ms of 400).
 *
 * <p>One connection in the pool, so that the session whose prepared statements are read is the one
 * the calls used.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsPlansIT implements TestPropertyProvider {

  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject ComputeStatistics statistics;
  @Inject StatisticsSeed seed;
  @Inject RefreshStatisticsDays refresher;

  @Override
  public Map<String, String> getProperties() {
    return StatisticsSeed.gatewayProperties("gateway.custody.integrate-interval", "1000d");
  }

  @Test
  void everyStatementOfACallIsPlannedForItsOwnParametersHoweverOftenItRuns() {
    seed.create(
        Platform.META, "FRAUD", "ROUTINE", "TAKEDOWN", Instant.parse("2026-03-10T10:00:00Z"), 3);
    refresher.refresh();
    StatisticsQuery march =
        StatisticsQuery.parse("2026-03-01", "2026-04-01", "platform,category", null);
    StatisticsQuery year = StatisticsQuery.parse("2025-06-01", "2026-06-01", "month", null);
    // another zone: computed from the requests and their history
    StatisticsQuery paris =
        StatisticsQuery.parse("2026-03-01", "2026-04-01", "platform", "Europe/Paris");

    List<String> generic = new ArrayList<>();
    long customPlans =
        transactions.executeRead(
            status -> {
              jdbc.prepareStatement(
                  "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", s -> s.execute());
              // more than the driver's five calls before it prepares on the server, and
              // PostgreSQL's five custom plans before it considers a generic one
              for (int call = 0; call < 12; call++) {
                statistics.compute(march);
                statistics.compute(year);
                statistics.compute(paris);
              }
              return jdbc.prepareStatement(
                  "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
                      + " WHERE statement LIKE '%statistics_day%'"
                      + " OR statement LIKE '%takedown_request%'",
                  statement -> {
                    long custom = 0;
                    try (ResultSet rows = statement.executeQuery()) {
                      while (rows.next()) {
                        if (rows.getLong(2) > 0) {
                          generic.add(rows.getString(1));
                        }
                        custom += rows.getLong(3);
                      }
                    }
                    return custom;
                  });
            });
    assertTrue(customPlans >= 5, "the statements were prepared on the server: " + customPlans);
    assertEquals(List.of(), generic, "statements run with a generic plan");
  }
}
