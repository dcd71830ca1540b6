package org.takedown.gateway.request;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.contracts.HistoryEntry;

/**
 * The append-only history of every request (the database refuses updates and deletes of it).
 * Appends join the caller's transaction, so a state change and its history commit together.
 */
@Singleton
public final class RequestHistory {

  private static final String INSERT =
      "INSERT INTO request_history (request_id, at, from_status, to_status, source, actor, detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  /** Through the table's primary key, (request_id, id). */
  static final String OF_REQUEST =
      "SELECT at, from_status, to_status, source, actor, detail FROM request_history"
          + " WHERE request_id = ? ORDER BY id";

  private final JdbcOperations jdbc;

  RequestHistory(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public void append(List<HistoryLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        INSERT,
        statement -> {
          for (HistoryLine line : lines) {
            bind(statement, line);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  public void append(HistoryLine line) {
    append(List.of(line));
  }

  /** A request's history, oldest first. */
  public List<HistoryEntry> of(UUID requestId) {
    return jdbc.prepareStatement(
        OF_REQUEST,
        statement -> {
          statement.setObject(1, requestId);
          List<HistoryEntry> entries = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              String from = rows.getString("from_status");
              entries.add(
                  new HistoryEntry(
                      PgTime.get(rows, "at"),
                      from == null ? null : RequestStates.toContract(StateColumn.state(from)),
                      RequestStates.toContract(StateColumn.state(rows.getString("to_status"))),
                      rows.getString("source"),
                      rows.getString("actor"),
                      rows.getString("detail")));
            }
          }
          return entries;
        });
  }

  private static void bind(PreparedStatement statement, HistoryLine line) throws SQLException {
    statement.setObject(1, line.requestId());
    PgTime.set(statement, 2, line.at());
    statement.setString(3, line.from() == null ? null : StateColumn.text(line.from()));
    statement.setString(4, StateColumn.text(line.to()));
    statement.setString(5, line.source().wireName());
    statement.setString(6, line.actor());
    statement.setString(7, line.detail());
  }
}
