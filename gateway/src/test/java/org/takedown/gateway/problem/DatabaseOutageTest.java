package org.takedown.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "the database cannot be reached" (503) and which do not (500). */
class DatabaseOutageTest {

  private static final String SECRET = "INSERT INTO takedown_case VALUES ('EIB-2024-000123')";

  @Test
  void aFailureIsSummedUpByTypeAndSqlStateWithoutItsMessage() {
    Throwable refused =
        new DataAccessException(
            "Error executing SQL UPDATE",
            new SQLException(
                "value too long; Failing row contains (Cdt. A. Benali, liaison@bnpj.example)",
                "22001"));

    String summary = DatabaseOutage.summary(refused);

    assertEquals("DataAccessException, SQLState 22001", summary);
    assertFalse(DatabaseOutage.in(refused).isPresent(), "a refused value is not an outage");
    assertEquals("IllegalStateException", DatabaseOutage.summary(new IllegalStateException("x")));
  }

  @Test
  void aPoolThatFindsNoConnectionIsAnOutage() {
    Throwable error =
        new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection",
            new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms",
                "08001",
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));

    assertTrue(DatabaseOutage.in(error).isPresent());
    assertEquals(
        "CannotGetJdbcConnectionException caused by SQLTransientConnectionException,"
            + " SQLState 08001",
        DatabaseOutage.describe(error, DatabaseOutage.in(error).orElseThrow()));
  }

  @Test
  void aTransactionThatCannotBeginIsAnOutage() {
    assertTrue(
        DatabaseOutage.in(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))
            .isPresent());
  }

  @Test
  void aConnectionBrokenInTheMiddleOfAStatementIsAnOutage() {
    assertTrue(
        DatabaseOutage.in(
                new DataAccessException(
                    SECRET, new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)))
            .isPresent());
    assertTrue(
        DatabaseOutage.in(new DataAccessException(SECRET, new SQLNonTransientConnectionException()))
            .isPresent());
  }

  @Test
  void aServerShuttingDownOrStartingUpIsAnOutage() {
    for (String state : new String[] {"57P01", "57P02", "57P03"}) {
      assertTrue(
          DatabaseOutage.in(new TransactionSystemException(SECRET, new SQLException(SECRET, state)))
              .isPresent(),
          state);
    }
  }

  @Test
  void aPooledConnectionAlreadyMarkedBrokenIsAnOutage() {
    SQLException closed = new SQLException("Connection is closed");
    closed.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
              "lambda$getClosedConnection$0",
              "ProxyConnection.java",
              562)
        });
    Throwable error = new ConnectionException("Could not set JDBC Connection read-only", closed);

    assertTrue(DatabaseOutage.in(error).isPresent());
    assertEquals(
        "ConnectionException caused by SQLException of a pooled connection already marked broken",
        DatabaseOutage.describe(error, closed));
  }

  @Test
  void findsTheOutageInSuppressedExceptionsToo() {
    RuntimeException rollbackFailed = new IllegalStateException("rollback failed");
    rollbackFailed.addSuppressed(new SQLTransientConnectionException("timeout"));

    assertTrue(DatabaseOutage.in(rollbackFailed).isPresent());
  }

  @Test
  void otherDatabaseErrorsAreNotOutages() {
    assertFalse(
        DatabaseOutage.in(
                new DataAccessException(
                    SECRET, new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION)))
            .isPresent());
    for (String state : new String[] {"57014", "40001", "42P01", "23503", "53300"}) {
      assertFalse(
          DatabaseOutage.in(new DataAccessException(SECRET, new SQLException(SECRET, state)))
              .isPresent(),
          state);
    }
    assertFalse(DatabaseOutage.in(new SQLException("Connection is closed")).isPresent());
    assertFalse(DatabaseOutage.in(new IllegalStateException(SECRET)).isPresent());
  }

  @Test
  void describesByTypeAndStateNeverByMessage() {
    Throwable error =
        new DataAccessException(SECRET, new SQLException(SECRET + " refused", "08006"));

    String description = DatabaseOutage.describe(error, DatabaseOutage.in(error).orElseThrow());

    assertEquals("DataAccessException caused by SQLException, SQLState 08006", description);
    assertFalse(description.contains("EIB"));
  }
}
