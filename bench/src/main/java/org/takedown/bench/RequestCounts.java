package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

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

  /** When the first request counted here was recorded SUBMITTED at or after {@code after}. */
  OffsetDateTime firstSubmittedAfter(OffsetDateTime after) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT min(updated_at) FROM takedown_request"
                + " WHERE created_at >= ? AND status = 'SUBMITTED' AND updated_at >= ?")) {
      statement.setObject(1, since);
      statement.setObject(2, after);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getObject(1, OffsetDateTime.class);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
