package org.takedown.gateway.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;

/**
 * The rows of {@code statistics_day} (V17) computed from the requests and their history, for some
 * days or for all: per day of creation in {@link #ZONE}, platform, category, action, priority,
 * state, outcome and "first COMPLETED at or before {@code dueAt}", the number of requests and,
 * packed as float8 ({@code float8send}), each one's seconds to its first SUBMITTED and to its first
 * COMPLETED (when it has one). The milestones are {@link Milestones}, as {@link
 * StatisticsFromRequests} reads them, so both give the same figures.
 *
 * <p>The refresher stores these rows; a reader computes them for the days the stored ones do not
 * yet reflect.
 */
final class DayFacts {

  /** The zone of the stored days: the unit's, the API's default. */
  static final ZoneId ZONE = ZoneId.of(StatisticsQuery.DEFAULT_ZONE);

  /** A request's day, in {@link #ZONE} (a constant, written into the SQL). */
  static final String DAY_OF_REQUEST =
      "(r.created_at AT TIME ZONE '" + StatisticsQuery.DEFAULT_ZONE + "')::date";

  /** The requests created from one day (inclusive) to another (exclusive): two date parameters. */
  static final String CREATED_BETWEEN =
      "r.created_at >= (?::date::timestamp AT TIME ZONE '"
          + StatisticsQuery.DEFAULT_ZONE
          + "') AND r.created_at < (?::date::timestamp AT TIME ZONE '"
          + StatisticsQuery.DEFAULT_ZONE
          + "')";

  /** The columns of a row, in the table's order. */
  static final String COLUMNS =
      "day, platform, category, action, priority, status, outcome, within_deadline, requests,"
          + " to_submit, to_outcome";

  /**
   * Above this many days, {@link #select} is planned with hash joins only ({@link
   * #plannedForManyDays}).
   */
  static final int MANY_DAYS = 31;

  private DayFacts() {}

  /** What one transaction computing many days may hold in memory per sort or hash. */
  static final String MANY_DAYS_WORK_MEM = "64MB";

  /**
   * For the rest of the transaction, no nested loops and {@value #MANY_DAYS_WORK_MEM} of work
   * memory: computing many days (a first round, a refresher far behind, days written in bulk) reads
   * the history in one pass instead of one index lookup per request, and groups it in memory rather
   * than in sorts spilled to disk (a million requests: 85 s spilled with the default 4 MB, under
   * load). A plan made while a bulk load's statistics are still an empty table's cannot turn into a
   * loop over a million requests either. Few days keep the index lookups and the defaults.
   */
  static void plannedForManyDays(JdbcOperations jdbc) {
    jdbc.prepareStatement("SET LOCAL enable_nestloop = off", statement -> statement.execute());
    jdbc.prepareStatement(
        "SET LOCAL work_mem = '" + MANY_DAYS_WORK_MEM + "'", statement -> statement.execute());
  }

  /**
   * For the rest of the transaction, every statement planned for the values it is given, never with
   * a plan made once for any values. Why: the driver prepares a statement on the server after a few
   * calls, and PostgreSQL then may keep a generic plan. For the statistics a generic plan cannot
   * know that the requests overdue or with newer events are few while the period holds a year of
   * them: it read the creation index over the whole period (a million entries, 190 ms of a 400 ms
   * call) to intersect it with the few overdue ones. Planning each statement costs about a
   * millisecond.
   */
  static void plannedForItsParameters(JdbcOperations jdbc) {
    jdbc.prepareStatement(
        "SET LOCAL plan_cache_mode = force_custom_plan", statement -> statement.execute());
  }

  /**
   * The SELECT of the rows of every day ({@code days == false}) or of the days of a {@code date[]}
   * parameter, bounded by two date parameters (the first day, the day after the last) so that the
   * requests are found through their creation index. Parameters, in order: the first day, the day
   * after the last, the days' array; twice (see {@link #bind}).
   */
  static String select(boolean someDays) {
    String which =
        someDays ? " AND " + CREATED_BETWEEN + " AND " + DAY_OF_REQUEST + " = ANY (?::date[])" : "";
    String whichHistory =
        someDays
            ? " AND h.request_id IN (SELECT r.id FROM takedown_request r WHERE "
                + CREATED_BETWEEN
                + " AND "
                + DAY_OF_REQUEST
                + " = ANY (?::date[]))"
            : "";
    return "SELECT "
        + DAY_OF_REQUEST
        + " AS day, r.platform, r.category, r.action, c.priority, r.status, r.outcome,"
        + " coalesce(m.completed_at <= r.due_at, false) AS within_deadline,"
        + " count(*)::int AS requests,"
        + " coalesce(string_agg(float8send("
        + Milestones.SECONDS_TO_SUBMIT
        + "), ''::bytea), ''::bytea) AS to_submit,"
        + " coalesce(string_agg(float8send("
        + Milestones.SECONDS_TO_OUTCOME
        + "), ''::bytea), ''::bytea) AS to_outcome"
        + " FROM takedown_request r JOIN takedown_case c ON c.id = r.case_id"
        + " LEFT JOIN (SELECT h.request_id, "
        + Milestones.FIRST_SUBMITTED
        + " AS submitted_at, "
        + Milestones.FIRST_COMPLETED
        + " AS completed_at"
        + " FROM request_history h WHERE "
        + Milestones.MAY_BE_ONE
        + whichHistory
        + " GROUP BY h.request_id) m ON m.request_id = r.id"
        + " WHERE true"
        + which
        + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";
  }

  /**
   * Binds the days of {@link #select}{@code (true)} from {@code index}, twice (the history's
   * subquery, then the requests); returns the next index.
   */
  static int bind(PreparedStatement statement, int index, Collection<LocalDate> days)
      throws SQLException {
    LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate after = days.stream().max(LocalDate::compareTo).orElseThrow().plusDays(1);
    Array array =
        statement
            .getConnection()
            .createArrayOf("text", days.stream().map(LocalDate::toString).toArray());
    for (int twice = 0; twice < 2; twice++) {
      statement.setObject(index++, first);
      statement.setObject(index++, after);
      statement.setArray(index++, array);
    }
    return index;
  }
}
