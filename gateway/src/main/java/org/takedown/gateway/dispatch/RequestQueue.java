package org.takedown.gateway.dispatch;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;

/**
 * PENDING requests as a durable queue in PostgreSQL. Claims use {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent dispatchers (threads or instances) never claim the same request; a claim is a lease
 * that expires, so a dead dispatcher's requests are claimed again. Every result is recorded only
 * while the lease is still held, with its history line in the same transaction.
 */
@Singleton
final class RequestQueue {

  private static final String CLAIM =
      "WITH due AS ("
          + "  SELECT id FROM takedown_request"
          + "  WHERE platform = ? AND status = 'PENDING' AND next_attempt_at <= ?"
          + "    AND (lease_until IS NULL OR lease_until < ?)"
          + "  ORDER BY due_at, next_attempt_at"
          + "  LIMIT ?"
          + "  FOR UPDATE SKIP LOCKED"
          + "), claimed AS ("
          + "  UPDATE takedown_request r SET lease_token = ?, lease_until = ?, lease_owner = ?"
          + "  FROM due WHERE r.id = due.id"
          + "  RETURNING r.id, r.case_id, r.action, r.canonical_url, r.attempts, r.created_at"
          + ")"
          + " SELECT c.id, c.action, c.canonical_url, c.attempts, c.created_at, k.external_ref,"
          + "  k.category,"
          + "  k.priority, k.legal_law, k.legal_article, k.legal_authorization_ref,"
          + "  k.requester_name, k.requester_email, k.requester_unit, k.non_disclosure"
          + " FROM claimed c JOIN takedown_case k ON k.id = c.case_id";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final RequestHistory history;

  RequestQueue(
      JdbcOperations jdbc, TransactionOperations<Connection> transactions, RequestHistory history) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
  }

  List<ClaimedRequest> claim(
      Platform platform, int limit, Instant now, Instant leaseUntil, String owner) {
    UUID leaseToken = UUID.randomUUID();
    return transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                CLAIM,
                statement -> {
                  statement.setString(1, platform.name());
                  PgTime.set(statement, 2, now);
                  PgTime.set(statement, 3, now);
                  statement.setInt(4, limit);
                  statement.setObject(5, leaseToken);
                  PgTime.set(statement, 6, leaseUntil);
                  statement.setString(7, owner);
                  List<ClaimedRequest> claimed = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      claimed.add(
                          new ClaimedRequest(
                              leaseToken,
                              rows.getInt("attempts"),
                              PgTime.get(rows, "created_at"),
                              command(rows)));
                    }
                  }
                  return claimed;
                }));
  }

  /**
   * Frees the leases a previous run of {@code owner} left when it died, so that its requests are
   * sent again now rather than when the leases expire. Only the owner itself may call this, at
   * start, before it claims anything.
   */
  int releaseLeasesOf(String owner) {
    return transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE takedown_request SET lease_token = NULL, lease_until = NULL"
                    + " WHERE lease_owner = ? AND lease_token IS NOT NULL AND status = 'PENDING'",
                statement -> {
                  statement.setString(1, owner);
                  return statement.executeUpdate();
                }));
  }

  boolean markSubmitted(
      ClaimedRequest claim, PartnerRef ref, String detail, Instant nextPollAt, Instant now) {
    return transactions.executeWrite(
        status -> {
          int updated =
              jdbc.prepareStatement(
                  "UPDATE takedown_request SET status = 'SUBMITTED', partner_ref = ?,"
                      + " partner_operation = ?, attempts = attempts + 1, next_attempt_at = NULL,"
                      + " last_error = NULL, lease_token = NULL, lease_until = NULL,"
                      + " next_poll_at = ?, updated_at = ?"
                      + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'",
                  statement -> {
                    statement.setString(1, ref.id());
                    statement.setString(2, ref.operation());
                    PgTime.set(statement, 3, nextPollAt);
                    PgTime.set(statement, 4, now);
                    statement.setObject(5, claim.id());
                    statement.setObject(6, claim.leaseToken());
                    return statement.executeUpdate();
                  });
          if (updated == 1) {
            history.append(
                line(claim, now, RequestStatus.PENDING, RequestStatus.SUBMITTED, detail));
          }
          return updated == 1;
        });
  }

  /**
   * Puts the request back in the queue, due at {@code nextAttemptAt}. {@code countsAsAttempt} is
   * false when the partner was never really asked (its credentials were refused).
   */
  boolean scheduleRetry(
      ClaimedRequest claim,
      String reason,
      Instant nextAttemptAt,
      boolean countsAsAttempt,
      Instant now) {
    return transactions.executeWrite(
        status -> {
          int updated =
              jdbc.prepareStatement(
                  "UPDATE takedown_request SET attempts = attempts + ?, next_attempt_at = ?,"
                      + " last_error = ?, lease_token = NULL, lease_until = NULL, updated_at = ?"
                      + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'",
                  statement -> {
                    statement.setInt(1, countsAsAttempt ? 1 : 0);
                    PgTime.set(statement, 2, nextAttemptAt);
                    statement.setString(3, reason);
                    PgTime.set(statement, 4, now);
                    statement.setObject(5, claim.id());
                    statement.setObject(6, claim.leaseToken());
                    return statement.executeUpdate();
                  });
          if (updated == 1) {
            String detail =
                (countsAsAttempt ? "attempt " + (claim.attempts() + 1) + " failed: " : "not sent: ")
                    + reason
                    + "; next attempt at "
                    + PgTime.micros(nextAttemptAt);
            history.append(line(claim, now, RequestStatus.PENDING, RequestStatus.PENDING, detail));
          }
          return updated == 1;
        });
  }

  boolean markFailed(ClaimedRequest claim, String reason, Instant now) {
    return transactions.executeWrite(
        status -> {
          int updated =
              jdbc.prepareStatement(
                  "UPDATE takedown_request SET status = 'FAILED', attempts = attempts + 1,"
                      + " next_attempt_at = NULL, last_error = ?, lease_token = NULL,"
                      + " lease_until = NULL, updated_at = ?"
                      + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'",
                  statement -> {
                    statement.setString(1, reason);
                    PgTime.set(statement, 2, now);
                    statement.setObject(3, claim.id());
                    statement.setObject(4, claim.leaseToken());
                    return statement.executeUpdate();
                  });
          if (updated == 1) {
            history.append(line(claim, now, RequestStatus.PENDING, RequestStatus.FAILED, reason));
          }
          return updated == 1;
        });
  }

  private static HistoryLine line(
      ClaimedRequest claim, Instant now, RequestStatus from, RequestStatus to, String detail) {
    return new HistoryLine(claim.id(), now, from, to, HistorySource.GATEWAY, null, detail);
  }

  private static SubmitCommand command(ResultSet rows) throws SQLException {
    String article = rows.getString("legal_article");
    String law = rows.getString("legal_law");
    String legalBasis =
        (article == null || article.isBlank() ? law : law + " " + article)
            + " (authorisation "
            + rows.getString("legal_authorization_ref")
            + ")";
    return new SubmitCommand(
        rows.getObject("id", UUID.class),
        Action.valueOf(rows.getString("action")),
        rows.getString("canonical_url"),
        Category.valueOf(rows.getString("category")),
        legalBasis,
        rows.getString("external_ref"),
        "EMERGENCY".equals(rows.getString("priority")),
        rows.getBoolean("non_disclosure"),
        new Requester(
            rows.getString("requester_name"),
            rows.getString("requester_email"),
            rows.getString("requester_unit")));
  }
}
