package org.takedown.gateway.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells "the database cannot be reached" apart from every other failure, whatever layer wrapped it
 * (Micronaut Data's {@code DataAccessException}, the transaction manager's {@code
 * CannotCreateTransactionException}, ...): somewhere in its causes (or suppressed exceptions) is a
 * connection failure. Exactly these count:
 *
 * <ul>
 *   <li>{@link SQLTransientConnectionException}: Hikari found no connection within {@code
 *       connection-timeout} (the server is down, or every connection is busy);
 *   <li>{@link SQLNonTransientConnectionException};
 *   <li>an {@link SQLException} of SQLState class {@code 08} (connection exception: refused,
 *       broken, closed) or {@code 57P01}-{@code 57P03} (the server is shutting down, crashed, or
 *       not accepting connections yet);
 *   <li>the {@link SQLException} (no SQLState) thrown by Hikari's stand-in for a pooled connection
 *       it has already marked broken for one of the above: when the server goes away in the middle
 *       of a transaction, Micronaut Data may report only that one, the original failure being lost
 *       while it restores the connection's auto-commit.
 * </ul>
 *
 * A constraint violation, a syntax error or a timeout of a running statement is not an outage.
 */
public final class DatabaseOutage {

  /** How long a client is told to wait before asking again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");
  private static final String HIKARI_CLOSED_CONNECTION =
      "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

  private DatabaseOutage() {}

  /** The connection failure under {@code error}, if it is one. */
  public static Optional<Throwable> in(Throwable error) {
    return find(error, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Optional<Throwable> find(Throwable error, Set<Throwable> seen) {
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (isConnectionFailure(t)) {
        return Optional.of(t);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        Optional<Throwable> found = find(suppressed, seen);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isConnectionFailure(Throwable t) {
    if (t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException) {
      return true;
    }
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      return state == null
          ? isFromBrokenPooledConnection(sql)
          : state.startsWith("08") || SERVER_UNAVAILABLE.contains(state);
    }
    return false;
  }

  private static boolean isFromBrokenPooledConnection(SQLException error) {
    StackTraceElement[] frames = error.getStackTrace();
    return frames.length > 0 && HIKARI_CLOSED_CONNECTION.equals(frames[0].getClassName());
  }

  /**
   * What a log line may say about any database failure: its type and the first SQLState under it,
   * never a message (PostgreSQL's may quote the failing row, personal data included).
   */
  public static String summary(Throwable error) {
    StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
    Throwable t = error;
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return text.append(", SQLState ").append(sql.getSQLState()).toString();
      }
    }
    return text.toString();
  }

  /**
   * What a log line may say about the failure: exception types and SQLStates, never messages (which
   * may carry SQL or values).
   */
  static String describe(Throwable error, Throwable connectionFailure) {
    StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
    if (connectionFailure != error) {
      text.append(" caused by ").append(connectionFailure.getClass().getSimpleName());
    }
    Throwable t = connectionFailure;
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return text.append(", SQLState ").append(sql.getSQLState()).toString();
      }
    }
    if (connectionFailure instanceof SQLException sql && isFromBrokenPooledConnection(sql)) {
      text.append(" of a pooled connection already marked broken");
    }
    return text.toString();
  }
}
