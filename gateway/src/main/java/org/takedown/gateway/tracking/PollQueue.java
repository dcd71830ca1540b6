package org.takedown.gateway.tracking;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;

/**
 * Delivered requests that are due for a status read, claimed with the same lease mechanism as
 * dispatch ({@code FOR UPDATE SKIP LOCKED} and a lease token), so that several instances never poll
 * the same request at once.
 */
@Singleton
final class PollQueue {

  /**
   * A request this poller holds the lease on.
   *
   * @param updatedAt when the request last changed, as claimed: a later change happened during the
   *     poll
   * @param claimedAt when it was claimed: a hint at or after it came during the poll
   * @param caseId the case it belongs to (for the log)
   */
  record ClaimedPoll(
      UUID id,
      UUID leaseToken,
      PartnerRef ref,
      Instant createdAt,
      Instant updatedAt,
      Instant claimedAt,
      UUID caseId) {}

  private static final String CLAIM =
      "WITH due AS ("
          + "  SELECT id FROM takedown_request"
          + "  WHERE platform = ? AND status IN ('SUBMITTED', 'IN_REVIEW') AND next_poll_at <= ?"
          + "    AND (lease_until IS NULL OR lease_until < ?)"
          + "  ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED"
          + ")"
          + " UPDATE takedown_request r SET lease_token = ?, lease_until = ?"
          + " FROM due WHERE r.id = due.id"
          + " RETURNING r.id, r.partner_ref, r.partner_operation, r.created_at, r.updated_at,"
          + " r.case_id";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  PollQueue(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  List<ClaimedPoll> claim(Platform platform, int limit, Instant now, Instant leaseUntil) {
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
                  List<ClaimedPoll> claimed = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      claimed.add(
                          new ClaimedPoll(
                              rows.getObject("id", UUID.class),
                              leaseToken,
                              new PartnerRef(
                                  rows.getString("partner_ref"),
                                  rows.getString("partner_operation")),
                              PgTime.get(rows, "created_at"),
                              PgTime.get(rows, "updated_at"),
                              now,
                              rows.getObject("case_id", UUID.class)));
                    }
                  }
                  return claimed;
                }));
  }

  /**
   * Releases the lease and sets the next poll, unless something happened while it was polled: a
   * partner's hint (a push) asked for a poll after the claim, whose news this poll's read may
   * predate, so the request stays due at once; or the request changed (the poll's own news, or a
   * callback that raced it), which already set the next poll, soon. A request that reached a
   * terminal state keeps none. {@code lastError} is kept when not null.
   */
  void release(ClaimedPoll poll, Instant nextPollAt, String lastError) {
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE takedown_request SET lease_token = NULL, lease_until = NULL,"
                    + " next_poll_at = CASE"
                    + "   WHEN status NOT IN ('SUBMITTED', 'IN_REVIEW') THEN NULL"
                    + "   WHEN poll_hinted_at >= ? THEN poll_hinted_at"
                    + "   WHEN updated_at > ? THEN next_poll_at"
                    + "   ELSE ? END,"
                    + " last_error = COALESCE(?, last_error)"
                    + " WHERE id = ? AND lease_token = ?",
                statement -> {
                  PgTime.set(statement, 1, poll.claimedAt());
                  PgTime.set(statement, 2, poll.updatedAt());
                  PgTime.set(statement, 3, nextPollAt);
                  statement.setString(4, lastError);
                  statement.setObject(5, poll.id());
                  statement.setObject(6, poll.leaseToken());
                  return statement.executeUpdate();
                }));
  }
}
