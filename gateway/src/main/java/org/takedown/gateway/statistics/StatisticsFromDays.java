package org.takedown.gateway.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGStatement;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.StateColumn;
import org.takedown.gateway.statistics.RefreshStatisticsDays.Cursor;

/**
 * The statistics of a period in the stored days' zone ({@link DayFacts#ZONE}), exact at the
 * snapshot of one repeatable-read transaction: the stored days ({@code statistics_day}), except the
 * days with events after the refresher's cursor, which are computed here from the requests as the
 * refresher would ({@link DayFacts}); then overdue and extended, counted at each call. The rows are
 * added up per group here (in PostgreSQL it took longer: sorting the rows by group and copying the
 * packed seconds cost more than reading them one by one); the percentiles are found by rank in the
 * gathered seconds.
 *
 * <p>Measured over a year of 1,000,000 requests (bench/run, {@code stats_year_ms}): see
 * bench/README.md. Reading the stored rows is about 100 ms of it, in binary (8 bytes a value).
 */
@Singleton
final class StatisticsFromDays {

  private static final String PERIOD = DayFacts.CREATED_BETWEEN;

  /**
   * Days of the period with events after the cursor: the cursor's 3 parameters, then the period.
   */
  private static final String DAYS_WITH_NEWER_EVENTS =
      "SELECT DISTINCT "
          + DayFacts.DAY_OF_REQUEST
          + "::text AS day FROM request_event e JOIN takedown_request r ON r.id = e.request_id"
          + " WHERE e.txid >= ?::xid8 AND (e.txid, e.id) > (?::xid8, ?) AND "
          + PERIOD;

  /** Stored rows fetched per round trip. */
  private static final int STORED_BATCH = 2_000;

  /** The stored rows of the period, but the days computed here (the third parameter). */
  private static final String STORED =
      "SELECT "
          + DayFacts.COLUMNS
          + " FROM statistics_day WHERE day >= ?::date AND day < ?::date"
          + " AND NOT (day = ANY (?::date[]))";

  /**
   * Open requests past their deadline, found through the two partial indexes on the open states'
   * deadlines (dispatch's and polling's); one IN over the three states would scan every request.
   */
  private static final String OVERDUE =
      "SELECT "
          + DayFacts.DAY_OF_REQUEST
          + " AS day, r.platform, r.category, r.action, c.priority, count(*) AS requests"
          + " FROM (SELECT created_at, platform, category, action, case_id FROM takedown_request"
          + " WHERE status = 'PENDING' AND due_at < ?"
          + " UNION ALL SELECT created_at, platform, category, action, case_id FROM takedown_request"
          + " WHERE status IN ('SUBMITTED', 'IN_REVIEW') AND due_at < ?) r"
          + " JOIN takedown_case c ON c.id = r.case_id WHERE "
          + PERIOD
          + " GROUP BY 1, 2, 3, 4, 5";

  /** The partial index history_preservation_extended holds exactly these lines. */
  private static final String EXTENDED =
      "SELECT "
          + DayFacts.DAY_OF_REQUEST
          + " AS day, r.platform, r.category, r.action, c.priority,"
          + " count(DISTINCT r.id) AS requests"
          + " FROM request_history h JOIN takedown_request r ON r.id = h.request_id"
          + " JOIN takedown_case c ON c.id = r.case_id"
          + " WHERE h.from_status = 'COMPLETED' AND h.to_status = 'COMPLETED'"
          + " AND h.detail LIKE 'preservation extended%'"
          + " AND r.action = 'PRESERVATION' AND r.status IN ('COMPLETED', 'EXPIRED')"
          + " AND r.outcome = 'PRESERVED' AND "
          + PERIOD
          + " GROUP BY 1, 2, 3, 4, 5";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  StatisticsFromDays(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  Statistics compute(StatisticsQuery query, Instant now) {
    return transactions.executeRead(
        status -> {
          // the stored days, the cursor and the requests, all of one snapshot
          jdbc.prepareStatement(
              "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", s -> s.execute());
          Groups groups = new Groups(query.groupBy());
          Optional<Cursor> cursor = RefreshStatisticsDays.cursor(jdbc);
          List<LocalDate> computed =
              cursor.isPresent() ? daysWithNewerEvents(cursor.get(), query) : everyDay(query);
          if (cursor.isPresent()) {
            jdbc.prepareStatement(
                STORED,
                statement -> {
                  // binary at once: 8 bytes a value instead of 16 hexadecimal digits
                  statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                  // in batches: the driver would otherwise hold every row of the year at once
                  // (about 50 MB for a million requests), more than a small heap's young space
                  statement.setFetchSize(STORED_BATCH);
                  statement.setObject(1, query.from());
                  statement.setObject(2, query.to());
                  statement.setArray(
                      3, RefreshStatisticsDays.dayArray(statement.getConnection(), computed));
                  return groups.addFacts(statement);
                });
          }
          jdbc.prepareStatement(
              OVERDUE,
              statement -> {
                PgTime.set(statement, 1, now);
                PgTime.set(statement, 2, now);
                statement.setObject(3, query.from());
                statement.setObject(4, query.to());
                return groups.addCounts(statement, Tally::addOverdue);
              });
          jdbc.prepareStatement(
              EXTENDED,
              statement -> {
                statement.setObject(1, query.from());
                statement.setObject(2, query.to());
                return groups.addCounts(statement, Tally::addExtended);
              });
          // last: it may change how the transaction plans
          if (!computed.isEmpty()) {
            if (computed.size() > DayFacts.MANY_DAYS) {
              DayFacts.plannedForManyDays(jdbc);
            }
            jdbc.prepareStatement(
                DayFacts.select(true),
                statement -> {
                  DayFacts.bind(statement, 1, computed);
                  return groups.addFacts(statement);
                });
          }
          return groups.statistics(query);
        });
  }

  private List<LocalDate> daysWithNewerEvents(Cursor cursor, StatisticsQuery query) {
    return jdbc.prepareStatement(
        DAYS_WITH_NEWER_EVENTS,
        statement -> {
          RefreshStatisticsDays.bindCursor(statement, cursor);
          statement.setObject(4, query.from());
          statement.setObject(5, query.to());
          List<LocalDate> days = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              days.add(LocalDate.parse(rows.getString(1)));
            }
          }
          return days;
        });
  }

  /** Before the first refresh: every day of the period is computed here. */
  private static List<LocalDate> everyDay(StatisticsQuery query) {
    return query.from().datesUntil(query.to()).toList();
  }

  /** The groups of a query being added up, and its totals. */
  private static final class Groups {

    private static final double[] NONE = new double[0];

    private final List<Dimension> dimensions;
    private final Map<List<String>, Tally> groups = new HashMap<>();
    private final Tally totals = new Tally();

    Groups(List<Dimension> dimensions) {
      this.dimensions = dimensions;
    }

    int addFacts(PreparedStatement statement) throws SQLException {
      int count = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String action = rows.getString("action");
          var state = StateColumn.state(rows.getString("status"));
          String outcomeName = rows.getString("outcome");
          Outcome outcome = outcomeName == null ? null : Outcome.valueOf(outcomeName);
          boolean within = rows.getBoolean("within_deadline");
          long requests = rows.getLong("requests");
          double[] toSubmit = Tally.Seconds.unpack(rows.getBytes("to_submit"));
          double[] toOutcome = Tally.Seconds.unpack(rows.getBytes("to_outcome"));
          group(rows).add(action, state, outcome, within, requests, toSubmit, toOutcome);
          if (dimensions.isEmpty()) {
            totals.add(action, state, outcome, within, requests, toSubmit, toOutcome);
          } else {
            // the totals' seconds are taken from the groups at the end (Tally.secondsOfGroups)
            totals.add(action, state, outcome, within, requests, NONE, NONE);
          }
          count++;
        }
      }
      return count;
    }

    int addCounts(PreparedStatement statement, Adder adder) throws SQLException {
      int count = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long requests = rows.getLong("requests");
          adder.add(group(rows), requests);
          adder.add(totals, requests);
          count++;
        }
      }
      return count;
    }

    private Tally group(ResultSet rows) throws SQLException {
      List<String> key = new ArrayList<>(dimensions.size());
      for (Dimension dimension : dimensions) {
        key.add(
            switch (dimension) {
              case PLATFORM -> rows.getString("platform");
              case CATEGORY -> rows.getString("category");
              case ACTION -> rows.getString("action");
              case PRIORITY -> rows.getString("priority");
              case MONTH -> rows.getObject("day", LocalDate.class).toString().substring(0, 7);
            });
      }
      return groups.computeIfAbsent(key, k -> new Tally());
    }

    Statistics statistics(StatisticsQuery query) {
      List<Statistics.Group> listed = new ArrayList<>();
      if (!dimensions.isEmpty()) {
        groups.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Groups::byteOrder))
            .forEach(
                entry -> {
                  Map<String, String> key = new java.util.LinkedHashMap<>();
                  for (int i = 0; i < dimensions.size(); i++) {
                    key.put(dimensions.get(i).wireName(), entry.getKey().get(i));
                  }
                  Tally group = entry.getValue();
                  group.sortSeconds();
                  listed.add(new Statistics.Group(key, group.figures()));
                });
        totals.secondsOfGroups(List.copyOf(groups.values()));
      }
      return new Statistics(
          query.from().toString(),
          query.to().toString(),
          query.zone().getId(),
          List.copyOf(listed),
          totals.figures());
    }

    /** As the SQL's {@code COLLATE "C"}: the keys are ASCII, so UTF-16 order is byte order. */
    private static int byteOrder(List<String> a, List<String> b) {
      for (int i = 0; i < a.size(); i++) {
        int order = a.get(i).compareTo(b.get(i));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    }
  }

  @FunctionalInterface
  private interface Adder {
    void add(Tally tally, long count);
  }
}
