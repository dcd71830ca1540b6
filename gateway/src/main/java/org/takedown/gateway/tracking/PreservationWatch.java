package org.takedown.gateway.tracking;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
import org.takedown.platform.Platform;

/**
 * Keeps preservations from lapsing unseen: warns (history line and log) {@code
 * gateway.preservation.warn-before} (default 14 days) before {@code preservedUntil}, and marks a
 * preservation EXPIRED once it has passed. Safe with several instances: rows are claimed with
 * {@code SKIP LOCKED}.
 */
@Singleton
public final class PreservationWatch {

  private static final Logger LOG = LoggerFactory.getLogger(PreservationWatch.class);
  private static final int BATCH = 500;

  private record Preserved(UUID id, Instant preservedUntil, UUID caseId, Platform platform) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final RequestHistory history;
  private final Clock clock;

  /**
   * How long before a preservation lapses it is warned about; the metric counts the same window.
   */
  public static final String WARN_BEFORE = "${gateway.preservation.warn-before:14d}";

  private final Duration warnBefore;

  PreservationWatch(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      RequestHistory history,
      Clock clock,
      @Value(WARN_BEFORE) Duration warnBefore) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
    this.clock = clock;
    this.warnBefore = warnBefore;
  }

  @Scheduled(
      fixedDelay = "${gateway.preservation.check-interval:1m}",
      initialDelay = "${gateway.preservation.check-interval:1m}")
  void scheduledCheck() {
    try {
      checkOnce();
    } catch (RuntimeException e) {
      LOG.warn("preservation check failed: {}", LoggedFailure.of(e).describe());
    }
  }

  /** Expires what has passed and warns about what is close; returns how many requests changed. */
  public int checkOnce() {
    Instant now = PgTime.micros(clock.instant());
    return transactions.executeWrite(status -> expire(now) + warn(now));
  }

  private int expire(Instant now) {
    List<Preserved> lapsed =
        mark("status = 'EXPIRED', next_poll_at = NULL, updated_at = ?", "", now, now);
    history.append(
        lapsed.stream()
            .map(
                p ->
                    new HistoryLine(
                        p.id(),
                        now,
                        RequestState.COMPLETED,
                        RequestState.EXPIRED,
                        HistorySource.GATEWAY,
                        null,
                        "preservation lapsed at " + p.preservedUntil()))
            .toList());
    lapsed.forEach(
        p ->
            LogFields.request(LOG.atWarn(), p.id(), p.caseId(), p.platform())
                .log("request {}: preservation lapsed at {}", p.id(), p.preservedUntil()));
    return lapsed.size();
  }

  private int warn(Instant now) {
    List<Preserved> closing =
        mark(
            "preservation_warned_at = ?",
            " AND preservation_warned_at IS NULL",
            now,
            now.plus(warnBefore));
    history.append(
        closing.stream()
            .map(
                p ->
                    new HistoryLine(
                        p.id(),
                        now,
                        RequestState.COMPLETED,
                        RequestState.COMPLETED,
                        HistorySource.GATEWAY,
                        null,
                        "preservation expires at "
                            + p.preservedUntil()
                            + ": extend it before then"))
            .toList());
    closing.forEach(
        p ->
            LogFields.request(LOG.atWarn(), p.id(), p.caseId(), p.platform())
                .log("request {}: preservation expires at {}", p.id(), p.preservedUntil()));
    return closing.size();
  }

  /**
   * One statement per batch: sets {@code set} (whose one parameter is {@code now}) on the preserved
   * requests ending by {@code bound} that match {@code andWhich}, skipping rows another instance
   * holds, and returns them.
   */
  private List<Preserved> mark(String set, String andWhich, Instant now, Instant bound) {
    return jdbc.prepareStatement(
        "UPDATE takedown_request SET "
            + set
            + " WHERE id IN (SELECT id FROM takedown_request WHERE status = 'COMPLETED'"
            + " AND outcome = 'PRESERVED' AND preserved_until <= ?"
            + andWhich
            + " ORDER BY preserved_until LIMIT "
            + BATCH
            + " FOR UPDATE SKIP LOCKED) RETURNING id, preserved_until, case_id, platform",
        statement -> {
          PgTime.set(statement, 1, now);
          PgTime.set(statement, 2, bound);
          List<Preserved> marked = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              marked.add(
                  new Preserved(
                      rows.getObject("id", UUID.class),
                      PgTime.get(rows, "preserved_until"),
                      rows.getObject("case_id", UUID.class),
                      Platform.valueOf(rows.getString("platform"))));
            }
          }
          return marked;
        });
  }
}
