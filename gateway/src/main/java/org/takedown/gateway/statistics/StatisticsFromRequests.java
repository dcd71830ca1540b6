package org.takedown.gateway.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.StateColumn;

/**
 * Computes the statistics of a period from the requests and their history (GATEWAY-API.md,
 * "Statistics") in PostgreSQL, in one statement: the period's requests, each with the milestones
 * its history holds, aggregated once per group and once for the totals (grouping sets).
 *
 * <p>A request's milestones come from its append-only history, read in one aggregate pass over the
 * history of the period's requests (no subquery per request):
 *
 * <ul>
 *   <li>its first SUBMITTED: the earliest line that moved it into SUBMITTED (a retried request is
 *       submitted again later; the first counts);
 *   <li>its first COMPLETED: the earliest line that moved it into COMPLETED, from any other state
 *       (a request that FAILED and COMPLETED after an officer's retry counts from this one);
 *   <li>whether its preservation was extended: a line that keeps it COMPLETED whose detail starts
 *       {@value #EXTENDED}, as both an officer's extension ({@code actions.OfficerActions}) and a
 *       partner's ({@code tracking.ApplyPartnerUpdate}) write it.
 * </ul>
 *
 * Lines that change nothing (an ignored update, a hint, a warning) keep the request in its state
 * (from = to) and are never taken for a move.
 *
 * <p>This is the definition the stored days ({@link StatisticsFromDays}) are held to: it serves the
 * periods in other time zones than the days', and the tests compare the two. Over a year of
 * 1,000,000 requests it takes about 10 s (a scan of the history, a hash join, sorts for the
 * percentiles); a month about a tenth of it.
 */
@Singleton
final class StatisticsFromRequests {

  /** How the history line of a preservation's extension begins. */
  static final String EXTENDED = "preservation extended";

  private static final String OPEN =
      RequestState.OPEN.stream().map(StateColumn::literal).collect(Collectors.joining(", "));

  private static final String CARRIES_OUTCOME = "q.status IN ('COMPLETED', 'EXPIRED')";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  StatisticsFromRequests(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** The statistics of {@code query}, {@code overdue} as of {@code now}, in one statement. */
  Statistics compute(StatisticsQuery query, Instant now) {
    Statement statement = statement(query, PgTime.micros(now));
    return transactions.executeRead(
        status -> {
          // a year and a day, one zone and another, are not planned alike
          DayFacts.plannedForItsParameters(jdbc);
          return jdbc.prepareStatement(
              statement.sql(),
              prepared -> {
                statement.bind(prepared);
                return read(query, prepared);
              });
        });
  }

  private static Statistics read(StatisticsQuery query, PreparedStatement prepared)
      throws SQLException {
    List<Statistics.Group> groups = new ArrayList<>();
    Figures totals = null;
    try (ResultSet rows = prepared.executeQuery()) {
      while (rows.next()) {
        Figures figures = figures(rows);
        if (query.groupBy().isEmpty() || rows.getInt("rollup") != 0) {
          totals = figures;
        } else {
          Map<String, String> key = new LinkedHashMap<>();
          for (int i = 0; i < query.groupBy().size(); i++) {
            key.put(query.groupBy().get(i).wireName(), rows.getString("d" + i));
          }
          groups.add(new Statistics.Group(key, figures));
        }
      }
    }
    if (totals == null) {
      throw new IllegalStateException("the statistics query returned no totals");
    }
    return new Statistics(
        query.from().toString(),
        query.to().toString(),
        query.zone().getId(),
        List.copyOf(groups),
        totals);
  }

  private static Figures figures(ResultSet rows) throws SQLException {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome.name(), rows.getLong(outcomeColumn(outcome)));
    }
    double rate = rows.getDouble("removal_rate");
    Double removalRate = rows.wasNull() ? null : rate;
    return new Figures(
        rows.getLong("requests"),
        rows.getLong("open"),
        rows.getLong("completed"),
        rows.getLong("failed"),
        rows.getLong("cancelled"),
        rows.getLong("expired"),
        outcomes,
        rows.getLong("overdue"),
        rows.getLong("within_deadline"),
        removalRate,
        percentiles(rows.getArray("to_submit")),
        percentiles(rows.getArray("to_outcome")),
        new Figures.Preservations(
            rows.getLong("preserved"),
            rows.getLong("extended"),
            rows.getLong("preservations_expired")));
  }

  private static Figures.Percentiles percentiles(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Object[] values = (Object[]) array.getArray();
    if (values[0] == null) {
      return null;
    }
    return new Figures.Percentiles(
        ((Number) values[0]).doubleValue(), ((Number) values[1]).doubleValue());
  }

  private static String outcomeColumn(Outcome outcome) {
    return "outcome_" + outcome.name().toLowerCase(Locale.ROOT);
  }

  /** SQL text with its parameters in the order they appear. */
  record Statement(String sql, List<Object> parameters) {

    void bind(PreparedStatement prepared) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (value instanceof Instant instant) {
          PgTime.set(prepared, i + 1, instant);
        } else {
          prepared.setObject(i + 1, value);
        }
      }
    }
  }

  /**
   * The one statement for {@code query} at {@code now}. Its text depends only on which dimensions
   * are grouped ({@link Dimension}'s fixed SQL); every value is a parameter.
   */
  static Statement statement(StatisticsQuery query, Instant now) {
    List<Dimension> dimensions = query.groupBy();
    String zone = query.zone().getId();
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> parameters = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      keys.add("q.d" + i);
    }
    for (String key : keys) {
      sql.append(key).append(" AS ").append(key.substring(2)).append(", ");
    }
    if (!keys.isEmpty()) {
      sql.append("GROUPING(").append(String.join(", ", keys)).append(") AS rollup, ");
    }
    sql.append("count(*) AS requests")
        .append(", count(*) FILTER (WHERE q.status IN (")
        .append(OPEN)
        .append(")) AS open");
    for (RequestState status :
        List.of(
            RequestState.COMPLETED,
            RequestState.FAILED,
            RequestState.CANCELLED,
            RequestState.EXPIRED)) {
      sql.append(", count(*) FILTER (WHERE q.status = '")
          .append(StateColumn.text(status))
          .append("') AS ")
          .append(status.name().toLowerCase(Locale.ROOT));
    }
    for (Outcome outcome : Outcome.values()) {
      sql.append(", count(*) FILTER (WHERE ")
          .append(CARRIES_OUTCOME)
          .append(" AND q.outcome = '")
          .append(outcome.name())
          .append("') AS ")
          .append(outcomeColumn(outcome));
    }
    sql.append(", count(*) FILTER (WHERE q.status IN (")
        .append(OPEN)
        .append(") AND q.due_at < ?) AS overdue");
    parameters.add(now);
    sql.append(", count(*) FILTER (WHERE q.completed_at <= q.due_at) AS within_deadline")
        .append(", (count(*) FILTER (WHERE q.action = 'TAKEDOWN' AND q.status = 'COMPLETED'")
        .append(" AND q.outcome IN ('REMOVED', 'RESTRICTED')))::float8")
        .append(" / NULLIF(count(*) FILTER (WHERE q.action = 'TAKEDOWN'")
        .append(" AND q.status = 'COMPLETED'), 0) AS removal_rate")
        .append(", percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY q.to_submit)")
        .append(" AS to_submit")
        .append(", percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY q.to_outcome)")
        .append(" AS to_outcome")
        .append(", count(*) FILTER (WHERE q.action = 'PRESERVATION' AND ")
        .append(CARRIES_OUTCOME)
        .append(" AND q.outcome = 'PRESERVED') AS preserved")
        .append(", count(*) FILTER (WHERE q.action = 'PRESERVATION' AND ")
        .append(CARRIES_OUTCOME)
        .append(" AND q.outcome = 'PRESERVED' AND q.extended) AS extended")
        .append(", count(*) FILTER (WHERE q.action = 'PRESERVATION' AND q.status = 'EXPIRED')")
        .append(" AS preservations_expired");
    // the period's requests, each once, with its milestones
    sql.append(" FROM (SELECT ");
    for (int i = 0; i < dimensions.size(); i++) {
      sql.append(dimensions.get(i).sql()).append(" AS d").append(i).append(", ");
      if (dimensions.get(i).takesZone()) {
        parameters.add(zone);
      }
    }
    sql.append("r.status, r.outcome, r.action, r.due_at, m.completed_at")
        .append(", ")
        .append(Milestones.SECONDS_TO_SUBMIT)
        .append(" AS to_submit, ")
        .append(Milestones.SECONDS_TO_OUTCOME)
        .append(" AS to_outcome")
        .append(", coalesce(m.extended, false) AS extended")
        .append(" FROM takedown_request r");
    if (dimensions.contains(Dimension.PRIORITY)) {
      sql.append(" JOIN takedown_case c ON c.id = r.case_id");
    }
    // the milestones, in one aggregate pass over the lines that may be one
    sql.append(" LEFT JOIN (SELECT h.request_id, ")
        .append(Milestones.FIRST_SUBMITTED)
        .append(" AS submitted_at, ")
        .append(Milestones.FIRST_COMPLETED)
        .append(" AS completed_at")
        .append(", bool_or(h.from_status = 'COMPLETED' AND h.to_status = 'COMPLETED'")
        .append(" AND h.detail LIKE '")
        .append(EXTENDED)
        .append("%') AS extended")
        .append(" FROM request_history h")
        .append(" WHERE ")
        .append(Milestones.MAY_BE_ONE)
        .append(" AND h.request_id IN (SELECT p.id FROM takedown_request p")
        .append(" WHERE p.created_at >= (?::date::timestamp AT TIME ZONE ?)")
        .append(" AND p.created_at < (?::date::timestamp AT TIME ZONE ?))")
        .append(" GROUP BY h.request_id) m ON m.request_id = r.id");
    parameters.add(query.from());
    parameters.add(zone);
    parameters.add(query.to());
    parameters.add(zone);
    sql.append(" WHERE r.created_at >= (?::date::timestamp AT TIME ZONE ?)")
        .append(" AND r.created_at < (?::date::timestamp AT TIME ZONE ?)) q");
    parameters.add(query.from());
    parameters.add(zone);
    parameters.add(query.to());
    parameters.add(zone);
    if (!keys.isEmpty()) {
      // byte order, whatever the database's collation: enum names and YYYY-MM sort as documented
      sql.append(" GROUP BY GROUPING SETS ((")
          .append(String.join(", ", keys))
          .append("), ()) ORDER BY rollup, ")
          .append(String.join(", ", keys.stream().map(k -> k + " COLLATE \"C\"").toList()));
    }
    return new Statement(sql.toString(), List.copyOf(parameters));
  }
}
