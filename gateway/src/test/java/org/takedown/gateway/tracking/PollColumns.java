package org.takedown.gateway.tracking;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import org.takedown.gateway.request.PgTime;

/**
 * The polling columns of a request as the database holds them: the API shows neither the next poll
 * nor the lease, and these tests are about exactly those.
 */
final class PollColumns {

  /** One request's polling state. */
  record Row(
      String status,
      Instant nextPollAt,
      UUID leaseToken,
      Instant leaseUntil,
      Instant createdAt,
      Instant updatedAt,
      String lastError) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  PollColumns(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  Row of(Object id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT status, next_poll_at, lease_token, lease_until, created_at, updated_at,"
                    + " last_error FROM takedown_request WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id.toString()));
                  try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                      throw new AssertionError("no request " + id);
                    }
                    return new Row(
                        rows.getString("status"),
                        PgTime.get(rows, "next_poll_at"),
                        rows.getObject("lease_token", UUID.class),
                        PgTime.get(rows, "lease_until"),
                        PgTime.get(rows, "created_at"),
                        PgTime.get(rows, "updated_at"),
                        rows.getString("last_error"));
                  }
                }));
  }

  /** Makes the request due for a poll at {@code at}, as if its schedule had said so. */
  void pollDueAt(Object id, Instant at) {
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE takedown_request SET next_poll_at = ? WHERE id = ?",
                statement -> {
                  PgTime.set(statement, 1, at);
                  statement.setObject(2, UUID.fromString(id.toString()));
                  return statement.executeUpdate();
                }));
  }
}
