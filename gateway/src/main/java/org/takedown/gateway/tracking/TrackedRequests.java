package org.takedown.gateway.tracking;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.StateColumn;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * Row-locked reads and state writes of requests, for the code paths that follow a request after
 * delivery. Every method joins the caller's transaction.
 */
@Singleton
public final class TrackedRequests {

  private static final String COLUMNS =
      "id, case_id, platform, status, outcome, preserved_until, created_at, partner_ref,"
          + " partner_operation";

  static final String BY_PARTNER_REF =
      "SELECT "
          + COLUMNS
          + " FROM takedown_request WHERE platform = ? AND partner_ref = ?"
          + " ORDER BY created_at LIMIT 1 FOR UPDATE";

  static final String BY_PARTNER_OPERATION =
      "SELECT "
          + COLUMNS
          + " FROM takedown_request WHERE platform = ? AND partner_operation = ?"
          + " ORDER BY created_at LIMIT 1 FOR UPDATE";

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
            BY_PARTNER_REF,
            statement -> {
              statement.setString(1, platform.name());
              statement.setString(2, ref.id());
              return one(statement.executeQuery());
            });
    if (byRef.isPresent() || ref.operation() == null) {
      return byRef;
    }
    return jdbc.prepareStatement(
        BY_PARTNER_OPERATION,
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, ref.operation());
          return one(statement.executeQuery());
        });
  }

  void moveTo(
      UUID id,
      RequestState status,
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
            + " last_error = ?, next_poll_at = ?, updated_at = ?"
            + " WHERE id = ?",
        statement -> {
          statement.setString(1, StateColumn.text(status));
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
        "INSERT INTO callback_orphan (platform, partner_ref, partner_operation, received_at,"
            + " state, outcome, preserved_until, partner_updated_at, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, update.ref().id());
          statement.setString(3, update.ref().operation());
          PgTime.set(statement, 4, now);
          statement.setString(5, update.state().name());
          statement.setString(6, update.outcome() == null ? null : update.outcome().name());
          PgTime.set(statement, 7, update.preservedUntil());
          PgTime.set(statement, 8, update.updatedAt());
          statement.setString(9, update.detail());
          return statement.executeUpdate();
        });
  }

  /**
   * Keeps a hint (a push that reports no state) about a reference no request carries: state null.
   */
  void recordHintOrphan(Platform platform, PartnerRef ref, String detail, Instant now) {
    jdbc.prepareStatement(
        "INSERT INTO callback_orphan (platform, partner_ref, partner_operation, received_at,"
            + " detail) VALUES (?, ?, ?, ?, ?)",
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, ref.id());
          statement.setString(3, ref.operation());
          PgTime.set(statement, 4, now);
          statement.setString(5, detail);
          return statement.executeUpdate();
        });
  }

  /**
   * Makes the request's poll due at {@code now}, and notes that a hint asked for it then, so that a
   * poll already under way does not schedule it later when it ends ({@link PollQueue#release}).
   */
  void pollNow(UUID id, Instant now) {
    jdbc.prepareStatement(
        "UPDATE takedown_request SET next_poll_at = ?, poll_hinted_at = ? WHERE id = ?",
        statement -> {
          PgTime.set(statement, 1, now);
          PgTime.set(statement, 2, now);
          statement.setObject(3, id);
          return statement.executeUpdate();
        });
  }

  /**
   * An orphaned callback as it was received: its update, or null when it was a hint that reported
   * no state.
   */
  record Orphan(long id, PartnerRef ref, PartnerUpdate update) {}

  List<Orphan> lockOrphans(Platform platform, PartnerRef ref) {
    return jdbc.prepareStatement(
        "SELECT id, partner_ref, partner_operation, state, outcome, preserved_until,"
            + " partner_updated_at, detail FROM callback_orphan"
            + " WHERE platform = ? AND (partner_ref = ? OR partner_operation = ?)"
            + " AND adopted_at IS NULL ORDER BY id FOR UPDATE",
        statement -> {
          statement.setString(1, platform.name());
          statement.setString(2, ref.id());
          statement.setString(3, ref.operation());
          List<Orphan> orphans = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              String state = rows.getString("state");
              String outcome = rows.getString("outcome");
              PartnerRef named =
                  new PartnerRef(
                      rows.getString("partner_ref"), rows.getString("partner_operation"));
              PartnerUpdate update =
                  state == null
                      ? null
                      : new PartnerUpdate(
                          named,
                          PartnerState.valueOf(state),
                          outcome == null ? null : org.takedown.platform.Outcome.valueOf(outcome),
                          PgTime.get(rows, "preserved_until"),
                          PgTime.get(rows, "partner_updated_at"),
                          rows.getString("detail"));
              orphans.add(new Orphan(rows.getLong("id"), named, update));
            }
          }
          return orphans;
        });
  }

  /**
   * Of {@code refs}, the partner references and operations that unadopted orphans carry (see {@link
   * #lockOrphans}).
   */
  Set<String> orphanedRefs(Platform platform, List<PartnerRef> refs) {
    String[] ids = refs.stream().map(PartnerRef::id).toArray(String[]::new);
    String[] operations =
        refs.stream().map(PartnerRef::operation).filter(o -> o != null).toArray(String[]::new);
    return jdbc.prepareStatement(
        "SELECT partner_ref, partner_operation FROM callback_orphan"
            + " WHERE platform = ? AND (partner_ref = ANY (?) OR partner_operation = ANY (?))"
            + " AND adopted_at IS NULL",
        statement -> {
          statement.setString(1, platform.name());
          statement.setArray(2, statement.getConnection().createArrayOf("text", ids));
          statement.setArray(3, statement.getConnection().createArrayOf("text", operations));
          Set<String> found = new HashSet<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              found.add(rows.getString("partner_ref"));
              String operation = rows.getString("partner_operation");
              if (operation != null) {
                found.add(operation);
              }
            }
          }
          return found;
        });
  }

  void markAdopted(long orphanId, Instant now) {
    jdbc.prepareStatement(
        "UPDATE callback_orphan SET adopted_at = ? WHERE id = ?",
        statement -> {
          PgTime.set(statement, 1, now);
          statement.setLong(2, orphanId);
          return statement.executeUpdate();
        });
  }

  /** Moves a preservation's end; its lapse warning is due again for the new date. */
  public void movePreservation(
      UUID id, Instant preservedUntil, Instant partnerUpdatedAt, Instant now) {
    jdbc.prepareStatement(
        "UPDATE takedown_request SET preserved_until = ?, preservation_warned_at = NULL,"
            + " partner_updated_at = COALESCE(?, partner_updated_at), updated_at = ?"
            + " WHERE id = ?",
        statement -> {
          PgTime.set(statement, 1, preservedUntil);
          PgTime.set(statement, 2, partnerUpdatedAt);
          PgTime.set(statement, 3, now);
          statement.setObject(4, id);
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
              rows.getObject("case_id", UUID.class),
              rows.getString("platform"),
              StateColumn.state(rows.getString("status")),
              outcome == null ? null : Outcome.valueOf(outcome),
              PgTime.get(rows, "preserved_until"),
              PgTime.get(rows, "created_at"),
              rows.getString("partner_ref"),
              rows.getString("partner_operation")));
    }
  }
}
