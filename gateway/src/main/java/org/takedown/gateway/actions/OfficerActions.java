package org.takedown.gateway.actions;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.contracts.Outcome;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.PartnerUnavailable;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.FailedRequests;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.Lifecycle;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.tracking.TrackedRequest;
import org.takedown.gateway.tracking.TrackedRequests;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;

/**
 * What a liaison officer can do to a request: retry a FAILED one, cancel an open one, extend a
 * preservation. Each action is checked against the current state under a row lock and recorded in
 * the history with the officer's {@code sub}.
 */
@Singleton
public final class OfficerActions {

  private static final Logger LOG = LoggerFactory.getLogger(OfficerActions.class);

  private final TransactionOperations<Connection> transactions;
  private final JdbcOperations jdbc;
  private final TrackedRequests requests;
  private final RequestHistory history;
  private final FailedRequests failed;
  private final Map<Platform, PlatformAdapter> adapters = new EnumMap<>(Platform.class);
  private final ApplicationEventPublisher<RequestsQueued> queued;
  private final Clock clock;

  OfficerActions(
      TransactionOperations<Connection> transactions,
      JdbcOperations jdbc,
      TrackedRequests requests,
      RequestHistory history,
      FailedRequests failed,
      List<PlatformAdapter> adapters,
      ApplicationEventPublisher<RequestsQueued> queued,
      Clock clock) {
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.requests = requests;
    this.history = history;
    this.failed = failed;
    adapters.forEach(a -> this.adapters.put(a.platform(), a));
    this.queued = queued;
    this.clock = clock;
  }

  /** FAILED → PENDING with attempts reset; the partner sees the same reference again. */
  public void retry(UUID id, String officer) {
    TrackedRequest retried =
        transactions.executeWrite(
            status -> {
              TrackedRequest request = lock(id);
              if (request.status() != RequestStatus.FAILED) {
                throw new StateConflict(
                    "request is " + request.status() + "; only a FAILED request can be retried");
              }
              failed.requeue(
                  List.of(id),
                  HistorySource.OFFICER,
                  officer,
                  "retried by an officer; attempts reset",
                  clock.instant());
              return request;
            });
    logAction(retried, "retry", officer, "retried");
    queued.publishEvent(new RequestsQueued(Set.of(Platform.valueOf(retried.platform()))));
  }

  /** An open request is withdrawn; a later partner completion is still kept in its history. */
  public void cancel(UUID id, String officer) {
    TrackedRequest cancelled =
        transactions.executeWrite(
            status -> {
              TrackedRequest request = lock(id);
              if (Lifecycle.isTerminal(request.status())) {
                throw new StateConflict(
                    "request is " + request.status() + "; only an open request can be cancelled");
              }
              Instant now = PgTime.micros(clock.instant());
              jdbc.prepareStatement(
                  "UPDATE takedown_request SET status = 'CANCELLED', next_attempt_at = NULL,"
                      + " next_poll_at = NULL, lease_token = NULL, lease_until = NULL, updated_at = ?"
                      + " WHERE id = ?",
                  statement -> {
                    PgTime.set(statement, 1, now);
                    statement.setObject(2, id);
                    return statement.executeUpdate();
                  });
              history.append(
                  new HistoryLine(
                      id,
                      now,
                      request.status(),
                      RequestStatus.CANCELLED,
                      HistorySource.OFFICER,
                      officer,
                      "cancelled by an officer"));
              return request;
            });
    logAction(cancelled, "cancel", officer, "cancelled");
  }

  /** The longest reason an officer may give for an action (it is kept in the history). */
  public static final int REASON_MAX_LENGTH = 500;

  /** Asks the partner for 90 more days of preservation and moves {@code preservedUntil}. */
  public void extendPreservation(UUID id, String officer) {
    extendPreservation(id, officer, null);
  }

  /**
   * As {@link #extendPreservation(UUID, String)}, with the officer's {@code reason} (null: none
   * given) kept in the history line; never in a log line, since it may name people.
   *
   * @return the new end of the preservation
   * @throws InvalidInput when the reason is blank, longer than {@link #REASON_MAX_LENGTH} or holds
   *     control characters
   */
  public Instant extendPreservation(UUID id, String officer, String reason) {
    requireReadableReason(reason);
    TrackedRequest request = transactions.executeWrite(status -> lock(id));
    requirePreserved(request);
    PlatformAdapter adapter = adapters.get(Platform.valueOf(request.platform()));
    if (adapter == null) {
      throw new PartnerUnavailable(request.platform() + " is not configured", false);
    }
    ExtendOutcome outcome =
        adapter.extendPreservation(
            new PartnerRef(request.partnerRef(), request.partnerOperation()));
    if (outcome instanceof ExtendOutcome.Rejected rejected) {
      throw new PartnerUnavailable(
          request.platform() + " refused the extension: " + rejected.reason(), true);
    } else if (outcome instanceof ExtendOutcome.RetryLater retry) {
      throw new PartnerUnavailable(
          request.platform() + " did not extend the preservation now: " + retry.reason(), false);
    } else if (outcome instanceof ExtendOutcome.PartnerUnauthorized unauthorized) {
      throw new PartnerUnavailable(
          request.platform() + " refused the gateway's credentials: " + unauthorized.reason(),
          false);
    }
    Instant until = ((ExtendOutcome.Extended) outcome).preservedUntil();
    if (!PgTime.storable(until)) {
      // the partner's answer is unreadable: whether it extended is unknown, asking again is safe
      throw new PartnerUnavailable(
          request.platform()
              + " answered the extension with a preservation end outside the years 0001 to 9999",
          false);
    }
    transactions.executeWrite(
        status -> {
          TrackedRequest locked = lock(id);
          requirePreserved(locked);
          Instant now = PgTime.micros(clock.instant());
          requests.movePreservation(id, until, null, now);
          history.append(
              new HistoryLine(
                  id,
                  now,
                  RequestStatus.COMPLETED,
                  RequestStatus.COMPLETED,
                  HistorySource.OFFICER,
                  officer,
                  "preservation extended to "
                      + until
                      + " (was "
                      + locked.preservedUntil()
                      + ")"
                      + (reason == null ? "" : "; reason: " + reason.strip())));
          return null;
        });
    logAction(request, "extend-preservation", officer, "preservation extended to " + until);
    return until;
  }

  private static void requireReadableReason(String reason) {
    if (reason == null) {
      return;
    }
    if (reason.isBlank()
        || reason.strip().length() > REASON_MAX_LENGTH
        || !PlainText.isPlain(reason)) {
      throw new InvalidInput(
          List.of(
              new Violation(
                  "reason",
                  "must be 1 to "
                      + REASON_MAX_LENGTH
                      + " characters of text without control characters")));
    }
  }

  /**
   * One INFO line per action: rare, and what an operator looks for first. The officer is named by
   * the token's {@code sub} (as in the history), never by a name or an email.
   */
  private static void logAction(
      TrackedRequest request, String action, String officer, String what) {
    LogFields.request(
            LOG.atInfo(), request.id(), request.caseId(), Platform.valueOf(request.platform()))
        .addKeyValue("action", action)
        .addKeyValue("actor", officer)
        .log("request {}: {} by an officer", request.id(), what);
  }

  private static void requirePreserved(TrackedRequest request) {
    if (request.status() != RequestStatus.COMPLETED || request.outcome() != Outcome.PRESERVED) {
      throw new StateConflict(
          "request is "
              + request.status()
              + (request.outcome() == null ? "" : "/" + request.outcome())
              + "; only a COMPLETED/PRESERVED request can be extended");
    }
  }

  private TrackedRequest lock(UUID id) {
    return requests.lock(id).orElseThrow(() -> new NotFound("no request " + id));
  }
}
