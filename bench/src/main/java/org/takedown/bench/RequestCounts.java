package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads how many requests are in which state, straight from PostgreSQL. */
final class RequestCounts implements AutoCloseable {

  record Counts(long total, long pending, long submitted, long failed) {}

  private final Connection connection;

  RequestCounts(String jdbcUrl) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
  }

  Counts read() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE status = 'PENDING'),"
                    + " count(*) FILTER (WHERE status = 'SUBMITTED'),"
                    + " count(*) FILTER (WHERE status = 'FAILED') FROM takedown_request")) {
      row.next();
      return new Counts(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
