package org.takedown.gateway.request;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.takedown.platform.Platform;

/**
 * The one way out of FAILED: back to PENDING with a fresh retry budget (attempts 0, due now), under
 * the same request id, which every partner takes as its dedupe reference, so a resend never makes a
 * second partner-side request. Shared by an officer's retry of one request and an admin's bulk
 * retry from the dead letter, so that both leave a request in exactly the same state. Joins the
 * caller's transaction.
 */
@Singleton
public final class FailedRequests {

  /** A request this call moved from FAILED to PENDING, and the partner that will receive it. */
  public record Requeued(UUID id, Platform platform, UUID caseId) {}

  private final JdbcOperations jdbc;
  private final RequestHistory history;

  FailedRequests(JdbcOperations jdbc, RequestHistory history) {
    this.jdbc = jdbc;
    this.history = history;
  }

  /**
   * Requeues those of {@code ids} that are still FAILED once locked; the others (retried or
   * otherwise moved on by someone else in the meantime) are left alone and not returned. Each
   * requeued request gets a history line FAILED → PENDING with {@code source}, {@code actor} and
   * {@code detail}. {@code lastError} is cleared: the reason stays in the history line that
   * recorded the failure.
   */
  public List<Requeued> requeue(
      Collection<UUID> ids, HistorySource source, String actor, String detail, Instant now) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Instant at = PgTime.micros(now);
    // Locked in id order so that two bulk retries over overlapping sets cannot deadlock; after a
    // wait for a lock PostgreSQL re-checks the status, so a request that left FAILED is skipped.
    List<Requeued> locked =
        jdbc.prepareStatement(
            "SELECT id, platform, case_id FROM takedown_request"
                + " WHERE id = ANY(?) AND status = 'FAILED' ORDER BY id FOR UPDATE",
            statement -> {
              Array array = statement.getConnection().createArrayOf("uuid", ids.toArray());
              statement.setArray(1, array);
              List<Requeued> rows = new ArrayList<>();
              try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                  rows.add(
                      new Requeued(
                          result.getObject("id", UUID.class),
                          Platform.valueOf(result.getString("platform")),
                          result.getObject("case_id", UUID.class)));
                }
              }
              return rows;
            });
    if (locked.isEmpty()) {
      return locked;
    }
    jdbc.prepareStatement(
        "UPDATE takedown_request SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " last_error = NULL, lease_token = NULL, lease_until = NULL, next_poll_at = NULL,"
            + " updated_at = ? WHERE id = ANY(?)",
        statement -> {
          PgTime.set(statement, 1, at);
          PgTime.set(statement, 2, at);
          statement.setArray(
              3,
              statement
                  .getConnection()
                  .createArrayOf("uuid", locked.stream().map(Requeued::id).toArray()));
          return statement.executeUpdate();
        });
    history.append(
        locked.stream()
            .map(
                r ->
                    new HistoryLine(
                        r.id(),
                        at,
                        RequestState.FAILED,
                        RequestState.PENDING,
                        source,
                        actor,
                        detail))
            .toList());
    return locked;
  }
}
