package org.takedown.gateway.tracking;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.takedown.contracts.Outcome;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * Row-locked reads and state writes of requests, for the code paths that follow a request after
 * delivery. Every method joins the caller's transaction.
 */
@Singleton
public final class TrackedRequests {

  private static final String COLUMNS =
      "id, platform, status, outcome, preserved_until, created_at, partner_ref, partner_operation";

  private final JdbcOperations jdbc;

  TrackedRequests(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Locks the request for the rest of the transaction: updates to one request never interleave. */
  public Optional<TrackedRequest> lock(UUID id) {
    return jdbc.prepareStatement(
        "SELECT " + COLUMNS + " FROM takedown_request WHERE id = ? FOR UPDATE",
        statement -> {
          statement.setObject(1, id);
          return one(statement.executeQuery());
        });
  }

  /** Locks the request the partner calls {@code ref}: by its reference, else its operation. */
  Optional<TrackedRequest> lock(Platform platform, PartnerRef ref) {
    Optional<TrackedRequest> byRef =
        jdbc.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM takedown_request WHERE platform = ? AND partner_ref = ?"
                + " ORDER BY created_at LIMIT 1 FOR UPDATE",
            statement -> {
              statement.setString(1, platform.name());
              statement.setString(2, ref.id());
              return one(statement.executeQuery());
            });
    if (byRef.isPresent() || ref.operation() == null) {
      return byRef;
    }
    return jdbc.prepareStatement(
        "SELECT "
            + COLUMNS
            + " FROM takedown_request WHERE platform = ? AND partner_operation = ?"
            + " ORDER BY created_at LIMIT 1 FOR UPDATE",
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, ref.operation());
          return one(statement.executeQuery());
        });
  }

  void moveTo(
      UUID id,
      RequestStatus status,
      Outcome outcome,
      Instant preservedUntil,
      Instant partnerUpdatedAt,
      String lastError,
      Instant nextPollAt,
      Instant now) {
    jdbc.prepareStatement(
        "UPDATE takedown_request SET status = ?, outcome = ?,"
            + " preserved_until = COALESCE(?, preserved_until),"
            + " partner_updated_at = COALESCE(?, partner_updated_at),"
            + " last_error = COALESCE(?, last_error), next_poll_at = ?, updated_at = ?"
            + " WHERE id = ?",
        statement -> {
          statement.setString(1, status.name());
          statement.setString(2, outcome == null ? null : outcome.name());
          PgTime.set(statement, 3, preservedUntil);
          PgTime.set(statement, 4, partnerUpdatedAt);
          statement.setString(5, lastError);
          PgTime.set(statement, 6, nextPollAt);
          PgTime.set(statement, 7, now);
          statement.setObject(8, id);
          return statement.executeUpdate();
        });
  }

  void recordOrphan(Platform platform, PartnerUpdate update, Instant now) {
    jdbc.prepareStatement(
        "INSERT INTO callback_orphan (platform, partner_ref, received_at, state, outcome, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, update.ref().id());
          PgTime.set(statement, 3, now);
          statement.setString(4, update.state().name());
          statement.setString(5, update.outcome() == null ? null : update.outcome().name());
          statement.setString(6, update.detail());
          return statement.executeUpdate();
        });
  }

  private static Optional<TrackedRequest> one(ResultSet rows) throws SQLException {
    try (rows) {
      if (!rows.next()) {
        return Optional.empty();
      }
      String outcome = rows.getString("outcome");
      return Optional.of(
          new TrackedRequest(
              rows.getObject("id", UUID.class),
              rows.getString("platform"),
              RequestStatus.valueOf(rows.getString("status")),
              outcome == null ? null : Outcome.valueOf(outcome),
              PgTime.get(rows, "preserved_until"),
              PgTime.get(rows, "created_at"),
              rows.getString("partner_ref"),
              rows.getString("partner_operation")));
    }
  }
}
