package org.takedown.gateway.callback;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.Platform;

/**
 * Reads the verified callbacks kept as orphans: what a partner said about a reference the gateway
 * did not know (a request created outside the gateway, a partner's mistake, or a callback that beat
 * the create call's answer and was applied later).
 */
@Singleton
final class OrphanCallbacks {

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  OrphanCallbacks(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Newest first; {@code platform} and {@code adopted} null for all; {@code beforeId} a cursor. */
  OrphanPage list(Platform platform, Boolean adopted, int limit, Long beforeId) {
    String sql =
        "SELECT id, platform, partner_ref, partner_operation, received_at, state, outcome,"
            + " preserved_until, detail, adopted_at FROM callback_orphan"
            + " WHERE (CAST(? AS varchar) IS NULL OR platform = ?)"
            + " AND (CAST(? AS boolean) IS NULL OR (adopted_at IS NOT NULL) = ?)"
            + " AND (CAST(? AS bigint) IS NULL OR id < ?)"
            + " ORDER BY id DESC LIMIT ?";
    List<OrphanView> items =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    sql,
                    statement -> {
                      String name = platform == null ? null : platform.name();
                      statement.setString(1, name);
                      statement.setString(2, name);
                      statement.setObject(3, adopted);
                      statement.setObject(4, adopted);
                      statement.setObject(5, beforeId);
                      statement.setObject(6, beforeId);
                      statement.setInt(7, limit + 1);
                      List<OrphanView> rows = new ArrayList<>();
                      try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                          rows.add(
                              new OrphanView(
                                  row.getLong("id"),
                                  row.getString("platform"),
                                  row.getString("partner_ref"),
                                  row.getString("partner_operation"),
                                  PgTime.get(row, "received_at"),
                                  row.getString("state"),
                                  row.getString("outcome"),
                                  PgTime.get(row, "preserved_until"),
                                  row.getString("detail"),
                                  PgTime.get(row, "adopted_at")));
                        }
                      }
                      return rows;
                    }));
    if (items.size() <= limit) {
      return new OrphanPage(items, null);
    }
    List<OrphanView> page = items.subList(0, limit);
    return new OrphanPage(List.copyOf(page), Long.toString(page.get(limit - 1).id()));
  }
}
