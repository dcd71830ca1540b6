package org.takedown.gateway.dispatch;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
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
 * while the lease is still held, with its history line in the same transaction; results are
 * recorded in batches, one statement round trip per kind of result.
 */
@Singleton
final class RequestQueue {

  /** See {@link #CLAIM}; in the claim's transaction only. */
  static final String CACHED_PLAN = "SET LOCAL plan_cache_mode = force_generic_plan";

  /**
   * The claim, for {@code String.format} with its limit, sent after {@link #CACHED_PLAN}.
   *
   * <p>Left to choose, PostgreSQL planned the claim anew for every call or cached one plan,
   * depending on the statistics of the moment, and its cached plan could walk the wrong index.
   * Measured: 0.27-0.33 ms of planning per claim, more than running it, in some runs and not in
   * others. Since V9 the only index that holds PENDING requests in a useful order is
   * request_dispatch_order, and with the limit written into the statement (one statement per claim
   * size) PostgreSQL knows the claim takes a few rows, not a tenth of the table as it assumes of a
   * bound LIMIT: the plan it caches is the walk of request_dispatch_order from the cursor
   * (ClaimWalksDispatchOrderPlanIT), and the claim always uses it.
   */
  private static final String CLAIM =
      "WITH due AS ("
          + "  SELECT id FROM takedown_request"
          + "  WHERE platform = ? AND status = 'PENDING' AND next_attempt_at <= ?"
          + "    AND (lease_until IS NULL OR lease_until < ?)"
          // where the lane's claims have got to (ClaimCursor): the index scan starts there
          + "    AND (due_at, next_attempt_at) >= (?, ?)"
          + "  ORDER BY due_at, next_attempt_at"
          + "  LIMIT %d"
          + "  FOR UPDATE SKIP LOCKED"
          + "), claimed AS ("
          + "  UPDATE takedown_request r SET lease_token = ?, lease_until = ?, lease_owner = ?"
          + "  FROM due WHERE r.id = due.id"
          + "  RETURNING r.id, r.case_id, r.action, r.canonical_url, r.attempts, r.created_at,"
          + "    r.due_at, r.next_attempt_at"
          + ")"
          + " SELECT c.id, c.case_id, c.action, c.canonical_url, c.attempts, c.created_at,"
          + "  c.due_at, c.next_attempt_at, k.external_ref,"
          + "  k.category,"
          + "  k.priority, k.legal_law, k.legal_article, k.legal_authorization_ref,"
          + "  k.requester_name, k.requester_email, k.requester_unit, k.non_disclosure"
          + " FROM claimed c JOIN takedown_case k ON k.id = c.case_id";

  /**
   * The leased row, found by its primary key. Its status is tested inside a CASE so that the
   * planner cannot take it as a reason to walk a partial index of PENDING requests instead: with
   * statistics taken while next to nothing was PENDING (a gateway's usual state), the generic plan
   * of these updates did exactly that, reading every PENDING entry of request_dispatch_order to
   * find one id, once per answer, so a backlog's drain slowed down with its size (measured: 3.4 ms
   * per answer with 10,000 PENDING, against 0.12 ms by the primary key).
   * RecordingFindsLeasedRowByKeyPlanIT keeps it so.
   */
  static final String LEASED_ROW =
      " WHERE id = ? AND lease_token = ? AND CASE WHEN status = 'PENDING' THEN true END";

  static final String MARK_SUBMITTED =
      "UPDATE takedown_request SET status = 'SUBMITTED', partner_ref = ?,"
          + " partner_operation = ?, attempts = attempts + 1, next_attempt_at = NULL,"
          + " last_error = NULL, lease_token = NULL, lease_until = NULL,"
          + " next_poll_at = ?, updated_at = ?"
          + LEASED_ROW;

  static final String SCHEDULE_RETRY =
      "UPDATE takedown_request SET attempts = attempts + ?, next_attempt_at = ?,"
          + " last_error = ?, lease_token = NULL, lease_until = NULL, updated_at = ?"
          + LEASED_ROW;

  static final String MARK_FAILED =
      "UPDATE takedown_request SET status = 'FAILED', attempts = attempts + 1,"
          + " next_attempt_at = NULL, last_error = ?, lease_token = NULL,"
          + " lease_until = NULL, updated_at = ?"
          + LEASED_ROW;

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final RequestHistory history;

  RequestQueue(
      JdbcOperations jdbc, TransactionOperations<Connection> transactions, RequestHistory history) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
  }

  /**
   * Leases up to {@code limit} due requests of {@code platform} to {@code owner}, in the claim
   * order ({@code due_at, next_attempt_at}) from {@code from} on.
   */
  List<ClaimedRequest> claim(
      Platform platform,
      int limit,
      Instant now,
      Instant leaseUntil,
      String owner,
      ClaimPosition from) {
    UUID leaseToken = UUID.randomUUID();
    return transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                // one round trip: pgjdbc sends both statements at once
                CACHED_PLAN + "; " + claimOf(limit),
                statement -> {
                  statement.setString(1, platform.name());
                  PgTime.set(statement, 2, now);
                  PgTime.set(statement, 3, now);
                  PgTime.set(statement, 4, from.dueAt());
                  PgTime.set(statement, 5, from.nextAttemptAt());
                  statement.setObject(6, leaseToken);
                  PgTime.set(statement, 7, leaseUntil);
                  statement.setString(8, owner);
                  List<ClaimedRequest> claimed = new ArrayList<>();
                  statement.execute(); // the SET's result comes first, then the claim's rows
                  if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the claim sent no result set");
                  }
                  try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                      claimed.add(
                          new ClaimedRequest(
                              leaseToken,
                              rows.getInt("attempts"),
                              PgTime.get(rows, "created_at"),
                              new ClaimPosition(
                                  PgTime.get(rows, "due_at"), PgTime.get(rows, "next_attempt_at")),
                              rows.getObject("case_id", UUID.class),
                              command(rows)));
                    }
                  }
                  return claimed;
                }));
  }

  /** The claim of at most {@code limit} requests. */
  static String claimOf(int limit) {
    return String.format(CLAIM, limit);
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

  /** A claimed request the partner accepted, as {@link #markSubmitted} records it. */
  record Accepted(ClaimedRequest claim, PartnerRef ref, String detail, Instant nextPollAt) {}

  /** A claimed request to put back in the queue, as {@link #scheduleRetry} records it. */
  record Retry(
      ClaimedRequest claim, String reason, Instant nextAttemptAt, boolean countsAsAttempt) {}

  /** A claimed request that failed for good, as {@link #markFailed} records it. */
  record Failure(ClaimedRequest claim, String reason) {}

  /**
   * Marks each request SUBMITTED with the partner's reference, if its lease is still held; returns,
   * in order, whether each was. One round trip for the lot, in the caller's transaction.
   */
  boolean[] markSubmitted(List<Accepted> accepted, Instant now) {
    return update(
        MARK_SUBMITTED,
        accepted,
        (statement, a) -> {
          statement.setString(1, a.ref().id());
          statement.setString(2, a.ref().operation());
          PgTime.set(statement, 3, a.nextPollAt());
          PgTime.set(statement, 4, now);
          statement.setObject(5, a.claim().id());
          statement.setObject(6, a.claim().leaseToken());
        },
        a -> line(a.claim(), now, RequestState.PENDING, RequestState.SUBMITTED, a.detail()));
  }

  /**
   * Puts each request back in the queue, due at its {@code nextAttemptAt}, if its lease is still
   * held. {@code countsAsAttempt} is false when the partner was never really asked (its credentials
   * were refused).
   */
  boolean[] scheduleRetry(List<Retry> retries, Instant now) {
    return update(
        SCHEDULE_RETRY,
        retries,
        (statement, r) -> {
          statement.setInt(1, r.countsAsAttempt() ? 1 : 0);
          PgTime.set(statement, 2, r.nextAttemptAt());
          statement.setString(3, r.reason());
          PgTime.set(statement, 4, now);
          statement.setObject(5, r.claim().id());
          statement.setObject(6, r.claim().leaseToken());
        },
        r ->
            line(
                r.claim(),
                now,
                RequestState.PENDING,
                RequestState.PENDING,
                (r.countsAsAttempt()
                        ? "attempt " + (r.claim().attempts() + 1) + " failed: "
                        : "not sent: ")
                    + r.reason()
                    + "; next attempt at "
                    + PgTime.micros(r.nextAttemptAt())));
  }

  /** Marks each request FAILED, if its lease is still held. */
  boolean[] markFailed(List<Failure> failures, Instant now) {
    return update(
        MARK_FAILED,
        failures,
        (statement, f) -> {
          statement.setString(1, f.reason());
          PgTime.set(statement, 2, now);
          statement.setObject(3, f.claim().id());
          statement.setObject(4, f.claim().leaseToken());
        },
        f -> line(f.claim(), now, RequestState.PENDING, RequestState.FAILED, f.reason()));
  }

  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  /**
   * Runs {@code sql} once per row as one JDBC batch and appends the history line of every row it
   * changed, all in one transaction (the caller's, if any).
   */
  private <T> boolean[] update(
      String sql, List<T> rows, Binder<T> binder, Function<T, HistoryLine> historyLine) {
    boolean[] changed = new boolean[rows.size()];
    if (rows.isEmpty()) {
      return changed;
    }
    transactions.executeWrite(
        status -> {
          int[] counts =
              jdbc.prepareStatement(
                  sql,
                  statement -> {
                    for (T row : rows) {
                      binder.bind(statement, row);
                      statement.addBatch();
                    }
                    return statement.executeBatch();
                  });
          List<HistoryLine> lines = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            changed[i] = counts[i] == 1;
            if (changed[i]) {
              lines.add(historyLine.apply(rows.get(i)));
            }
          }
          history.append(lines);
          return null;
        });
    return changed;
  }

  private static HistoryLine line(
      ClaimedRequest claim, Instant now, RequestState from, RequestState to, String detail) {
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
