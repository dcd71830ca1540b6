package org.takedown.gateway.logs;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a log line may say about an unexpected failure: exception types and the SQLState of the
 * first {@link SQLException} in its causes, never a message. PostgreSQL's messages quote the
 * failing row ({@code Failing row contains (...)}, {@code Key (external_ref)=(...) already
 * exists}), and other messages may quote a request body or a partner's answer.
 *
 * @param type the failure's class name
 * @param rootType the class name of its deepest cause (its own when it has none)
 * @param sqlState the SQLState under it, null when there is none
 */
public record LoggedFailure(String type, String rootType, String sqlState) {

  private static final int MAX_CAUSES = 20;
  private static final int MAX_FRAMES = 40;

  public static LoggedFailure of(Throwable error) {
    String sqlState = null;
    Throwable root = error;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t) && seen.size() <= MAX_CAUSES; ) {
      if (sqlState == null && t instanceof SQLException sql && sql.getSQLState() != null) {
        sqlState = sql.getSQLState();
      }
      root = t;
      t = t.getCause();
    }
    return new LoggedFailure(error.getClass().getName(), root.getClass().getName(), sqlState);
  }

  /** {@code DataAccessException (PSQLException, SQLState 23514)}. */
  public String describe() {
    StringBuilder text = new StringBuilder(simpleName(type));
    boolean rootDiffers = !rootType.equals(type);
    if (rootDiffers || sqlState != null) {
      text.append(" (");
      if (rootDiffers) {
        text.append(simpleName(rootType));
      }
      if (sqlState != null) {
        text.append(rootDiffers ? ", " : "").append("SQLState ").append(sqlState);
      }
      text.append(')');
    }
    return text.toString();
  }

  /**
   * The stack frames of {@code error} and its causes, each headed by its class name (and SQLState)
   * instead of its message: what a DEBUG line may show of a failure.
   */
  public static String frames(Throwable error) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t) && seen.size() <= MAX_CAUSES; ) {
      if (t != error) {
        text.append("Caused by: ");
      }
      text.append(t.getClass().getName());
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        text.append(" (SQLState ").append(sql.getSQLState()).append(')');
      }
      text.append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        text.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        text.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
      t = t.getCause();
    }
    return text.toString();
  }

  private static String simpleName(String className) {
    return className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }
}
