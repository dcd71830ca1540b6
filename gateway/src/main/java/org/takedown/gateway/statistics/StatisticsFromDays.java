package org.takedown.gateway.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
          + ", (date_part('year', day) * 100 + date_part('month', day))::int AS month"
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
          DayFacts.plannedForItsParameters(jdbc);
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
                  return groups.addFacts(statement, true);
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
                  return groups.addFacts(statement, false);
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

    private static final byte[] NONE = new byte[0];

    // Columns by position (a name costs a lookup per row and column: a million for a year). The
    // facts' (DayFacts.COLUMNS) and the counts' (OVERDUE, EXTENDED) rows begin alike; the stored
    // rows add the month as yyyymm (STORED).
    private static final int DAY_COLUMN = 1;
    private static final int PLATFORM_COLUMN = 2;
    private static final int CATEGORY_COLUMN = 3;
    private static final int ACTION_COLUMN = 4;
    private static final int PRIORITY_COLUMN = 5;
    private static final int STATUS_COLUMN = 6;
    private static final int OUTCOME_COLUMN = 7;
    private static final int WITHIN_DEADLINE_COLUMN = 8;
    private static final int FACT_REQUESTS_COLUMN = 9;
    private static final int TO_SUBMIT_COLUMN = 10;
    private static final int TO_OUTCOME_COLUMN = 11;
    private static final int MONTH_COLUMN = 12;
    private static final int COUNT_REQUESTS_COLUMN = 6;

    private final List<Dimension> dimensions;

    /** A group's key (its values of the dimensions, in order) and its figures being added up. */
    private record Group(List<String> key, Tally tally) {}

    private final Map<Long, Group> groups = new HashMap<>();
    private final Tally totals = new Tally();
    private final Words[] words = new Words[OUTCOME_COLUMN + 1];
    private final Map<Integer, String> months = new HashMap<>();

    Groups(List<Dimension> dimensions) {
      this.dimensions = dimensions;
      for (int column = PLATFORM_COLUMN; column <= OUTCOME_COLUMN; column++) {
        words[column] = new Words();
      }
    }

    /** Rows of facts; {@code withMonth}: they carry the month as yyyymm ({@link #STORED}). */
    int addFacts(PreparedStatement statement, boolean withMonth) throws SQLException {
      int count = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String action = word(rows, ACTION_COLUMN);
          var state = StateColumn.state(word(rows, STATUS_COLUMN));
          String outcomeName = word(rows, OUTCOME_COLUMN);
          Outcome outcome = outcomeName == null ? null : Outcome.valueOf(outcomeName);
          boolean within = rows.getBoolean(WITHIN_DEADLINE_COLUMN);
          long requests = rows.getLong(FACT_REQUESTS_COLUMN);
          byte[] toSubmit = rows.getBytes(TO_SUBMIT_COLUMN);
          byte[] toOutcome = rows.getBytes(TO_OUTCOME_COLUMN);
          if (dimensions.isEmpty()) {
            totals.add(action, state, outcome, within, requests, toSubmit, toOutcome);
          } else {
            group(rows, withMonth)
                .add(action, state, outcome, within, requests, toSubmit, toOutcome);
            // the totals' seconds are the groups', taken at the end (Tally.secondsOfGroups)
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
          long requests = rows.getLong(COUNT_REQUESTS_COLUMN);
          adder.add(group(rows, false), requests);
          adder.add(totals, requests);
          count++;
        }
      }
      return count;
    }

    /** A text column's value, one String per distinct value rather than one per row. */
    private String word(ResultSet rows, int column) throws SQLException {
      return words[column].of(rows.getBytes(column));
    }

    /** The row's group: found by a number made of its keys' positions, built once per group. */
    private Tally group(ResultSet rows, boolean withMonth) throws SQLException {
      long code = 0;
      for (Dimension dimension : dimensions) {
        code =
            switch (dimension) {
              case PLATFORM ->
                  code * 64 + words[PLATFORM_COLUMN].index(rows.getBytes(PLATFORM_COLUMN));
              case CATEGORY ->
                  code * 64 + words[CATEGORY_COLUMN].index(rows.getBytes(CATEGORY_COLUMN));
              case ACTION -> code * 64 + words[ACTION_COLUMN].index(rows.getBytes(ACTION_COLUMN));
              case PRIORITY ->
                  code * 64 + words[PRIORITY_COLUMN].index(rows.getBytes(PRIORITY_COLUMN));
              case MONTH -> code * 1_000_000 + month(rows, withMonth);
            };
      }
      Group group = groups.get(code);
      if (group == null) {
        group = new Group(key(rows, withMonth), new Tally());
        groups.put(code, group);
      }
      return group.tally();
    }

    private int month(ResultSet rows, boolean withMonth) throws SQLException {
      if (withMonth) {
        return rows.getInt(MONTH_COLUMN);
      }
      LocalDate day = rows.getObject(DAY_COLUMN, LocalDate.class);
      return day.getYear() * 100 + day.getMonthValue();
    }

    private List<String> key(ResultSet rows, boolean withMonth) throws SQLException {
      List<String> key = new ArrayList<>(dimensions.size());
      for (Dimension dimension : dimensions) {
        key.add(
            switch (dimension) {
              case PLATFORM -> word(rows, PLATFORM_COLUMN);
              case CATEGORY -> word(rows, CATEGORY_COLUMN);
              case ACTION -> word(rows, ACTION_COLUMN);
              case PRIORITY -> word(rows, PRIORITY_COLUMN);
              case MONTH -> {
                int month = month(rows, withMonth);
                yield months.computeIfAbsent(
                    month, m -> String.format("%04d-%02d", m / 100, m % 100));
              }
            });
      }
      return key;
    }

    Statistics statistics(StatisticsQuery query) {
      List<Statistics.Group> listed = new ArrayList<>();
      if (!dimensions.isEmpty()) {
        groups.values().stream()
            .sorted((a, b) -> byteOrder(a.key(), b.key()))
            .forEach(
                group -> {
                  Map<String, String> key = new java.util.LinkedHashMap<>();
                  for (int i = 0; i < dimensions.size(); i++) {
                    key.put(dimensions.get(i).wireName(), group.key().get(i));
                  }
                  listed.add(new Statistics.Group(key, group.tally().figures()));
                });
        totals.secondsOfGroups(groups.values().stream().map(Group::tally).toList());
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

  /** The few distinct values of a text column, each kept once and found by its bytes. */
  private static final class Words {

    private final List<byte[]> bytes = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Its position among the values seen (added when new); -1 for SQL null. */
    int index(byte[] value) {
      if (value == null) {
        return -1;
      }
      for (int i = 0; i < bytes.size(); i++) {
        if (Arrays.equals(bytes.get(i), value)) {
          return i;
        }
      }
      bytes.add(value.clone());
      values.add(new String(value, StandardCharsets.UTF_8));
      return bytes.size() - 1;
    }

    String of(byte[] value) {
      int index = index(value);
      return index < 0 ? null : values.get(index);
    }
  }

  @FunctionalInterface
  private interface Adder {
    void add(Tally tally, long count);
  }
}
