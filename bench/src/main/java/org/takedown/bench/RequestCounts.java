package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads how many requests are in which state, straight from PostgreSQL. */
final class RequestCounts implements AutoCloseable {

  /** The counts, and the database's time when they were read. */
  record Counts(long total, long pending, long submitted, long failed, OffsetDateTime at) {}

  private final Connection connection;
  private final OffsetDateTime since;

  /** Counts every request. */
  RequestCounts(String jdbcUrl) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
    this.since = OffsetDateTime.parse("1970-01-01T00:00:00Z");
  }

  private RequestCounts(String jdbcUrl, boolean fromNow) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT now()")) {
      row.next();
      this.since = row.getObject(1, OffsetDateTime.class);
    }
  }

  /**
   * Counts only the requests created from now on: a stage that runs on a database an earlier stage
   * filled reads its own requests, through the index on created_at, not the whole table.
   */
  static RequestCounts fromNow(String jdbcUrl) throws SQLException {
    return new RequestCounts(jdbcUrl, true);
  }

  Counts read() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*), count(*) FILTER (WHERE status = 'PENDING'),"
                + " count(*) FILTER (WHERE status = 'SUBMITTED'),"
                + " count(*) FILTER (WHERE status = 'FAILED'), now()"
                + " FROM takedown_request WHERE created_at >= ?")) {
      statement.setObject(1, since);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new Counts(
            row.getLong(1),
            row.getLong(2),
            row.getLong(3),
            row.getLong(4),
            row.getObject(5, OffsetDateTime.class));
      }
    }
  }

  /**
   * How many of the requests counted here are PENDING. A watch that polls uses this or the two
   * checks below, not {@link #read}, which reads every row: measured 42 ms on a 40,000-request
   * table, four times a second, a sixth of a core taken from the database being measured.
   */
  long pending() throws SQLException {
    return count(
        "SELECT count(*) FROM takedown_request WHERE status = 'PENDING' AND created_at >= ?",
        since);
  }

  /** Whether at most {@code n} of the requests counted here are PENDING; reads n + 1 at most. */
  boolean pendingAtMost(long n) throws SQLException {
    return count(
            "SELECT count(*) FROM (SELECT 1 FROM takedown_request WHERE status = 'PENDING'"
                + " AND created_at >= ? LIMIT ?) p",
            since,
            n + 1)
        <= n;
  }

  /** Whether any request counted here is PENDING and due before {@code moment}. */
  boolean pendingDueBefore(OffsetDateTime moment) throws SQLException {
    return count(
            "SELECT count(*) FROM (SELECT 1 FROM takedown_request WHERE status = 'PENDING'"
                + " AND created_at >= ? AND next_attempt_at < ? LIMIT 1) p",
            since,
            moment)
        > 0;
  }

  private long count(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * The times the gateway recorded SUBMITTED for the requests counted here that were created before
   * {@code moment} and sent from it on (a backlog that waited for a partner), in order.
   */
  List<OffsetDateTime> sentFrom(OffsetDateTime moment) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT updated_at FROM takedown_request WHERE created_at >= ? AND created_at < ?"
                + " AND status = 'SUBMITTED' AND updated_at >= ? ORDER BY updated_at")) {
      statement.setObject(1, since);
      statement.setObject(2, moment);
      statement.setObject(3, moment);
      List<OffsetDateTime> times = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          times.add(rows.getObject(1, OffsetDateTime.class));
        }
      }
      return times;
    }
  }

  /** How many of the requests counted here the gateway recorded SUBMITTED in [from, to). */
  long sentBetween(Instant from, Instant to) throws SQLException {
    return count(
        "SELECT count(*) FROM takedown_request WHERE created_at >= ? AND status = 'SUBMITTED'"
            + " AND updated_at >= ? AND updated_at < ?",
        since,
        OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
        OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
