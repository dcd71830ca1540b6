package org.takedown.gateway.deadletter;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestRow;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.StateColumn;
import org.takedown.gateway.status.RequestCursor;

/**
 * Reads the dead letter: FAILED requests, newest failure first, keyset-ordered by ({@code
 * updated_at}, {@code id}) as the partial index {@code request_dead_letter} is.
 */
@Singleton
public final class DeadLetters {

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  DeadLetters(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** One page of the listing, after {@code after} (null: the first page). */
  public RequestPage list(DeadLetterFilter filter, int limit, RequestCursor after) {
    Query query = where(filter, after);
    List<Object> parameters = new ArrayList<>(query.parameters());
    parameters.add(limit + 1);
    List<RequestView> rows =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT "
                        + RequestRow.COLUMNS
                        + " FROM takedown_request r"
                        + query.sql()
                        + " ORDER BY r.updated_at DESC, r.id DESC LIMIT ?",
                    statement -> {
                      bind(statement, parameters);
                      List<RequestView> views = new ArrayList<>();
                      try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                          views.add(RequestRow.view(result));
                        }
                      }
                      return views;
                    }));
    return RequestCursor.page(rows, limit, RequestView::updatedAt);
  }

  /** How many FAILED requests the filter selects. */
  public long count(DeadLetterFilter filter) {
    Query query = where(filter, null);
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT count(*) FROM takedown_request r" + query.sql(),
                statement -> {
                  bind(statement, query.parameters());
                  try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                  }
                }));
  }

  /**
   * The positions of up to {@code limit} FAILED requests after {@code after}, in listing order,
   * without locking them: the caller locks and re-checks them. Joins the caller's transaction.
   */
  List<RequestCursor> positions(DeadLetterFilter filter, int limit, RequestCursor after) {
    Query query = where(filter, after);
    List<Object> parameters = new ArrayList<>(query.parameters());
    parameters.add(limit);
    return jdbc.prepareStatement(
        "SELECT r.id, r.updated_at FROM takedown_request r"
            + query.sql()
            + " ORDER BY r.updated_at DESC, r.id DESC LIMIT ?",
        statement -> {
          bind(statement, parameters);
          List<RequestCursor> positions = new ArrayList<>();
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              positions.add(
                  new RequestCursor(
                      PgTime.get(result, "updated_at"), result.getObject("id", UUID.class)));
            }
          }
          return positions;
        });
  }

  /**
   * The present state of each of {@code ids} that names a request; joins the caller's transaction.
   * By primary key: at most as many rows as ids.
   */
  Map<UUID, RequestState> statuses(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        "SELECT id, status FROM takedown_request WHERE id = ANY(?)",
        statement -> {
          statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
          Map<UUID, RequestState> statuses = new HashMap<>();
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              statuses.put(
                  result.getObject("id", UUID.class),
                  StateColumn.state(result.getString("status")));
            }
          }
          return statuses;
        });
  }

  private record Query(String sql, List<Object> parameters) {}

  private static Query where(DeadLetterFilter filter, RequestCursor after) {
    StringBuilder sql = new StringBuilder(" WHERE r.status = 'FAILED'");
    List<Object> parameters = new ArrayList<>();
    if (filter.platform() != null) {
      sql.append(" AND r.platform = ?");
      parameters.add(filter.platform().name());
    }
    if (filter.failedFrom() != null) {
      sql.append(" AND r.updated_at >= ?");
      parameters.add(filter.failedFrom());
    }
    if (filter.failedTo() != null) {
      sql.append(" AND r.updated_at < ?");
      parameters.add(filter.failedTo());
    }
    if (after != null) {
      sql.append(" AND (r.updated_at, r.id) < (?, ?)");
      parameters.add(after.at());
      parameters.add(after.id());
    }
    return new Query(sql.toString(), parameters);
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object parameter = parameters.get(i);
      if (parameter instanceof Instant instant) {
        PgTime.set(statement, i + 1, instant);
      } else {
        statement.setObject(i + 1, parameter);
      }
    }
  }
}
