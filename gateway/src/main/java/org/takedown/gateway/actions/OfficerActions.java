package org.takedown.gateway.actions;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.CustodyEntries;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.custody.PartnerExchanges;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.PartnerUnavailable;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.FailedRequests;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.tracking.TrackedRequest;
import org.takedown.gateway.tracking.TrackedRequests;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;

/**
 * What a liaison officer can do to a request: retry a FAILED one, cancel an open one, extend a
 * preservation ({@link OfficerAction}), one request at a time or several in turn. Each action is
 * checked against the current state under a row lock and recorded in the history with the officer's
 * {@code sub} and {@link Reason}. The API ({@code RequestActionsController}) and the console both
 * act through here.
 */
@Singleton
public final class OfficerActions {

  /** The most requests one bulk action takes. */
  public static final int MAX_BULK = 100;

  /** What separates the action's own detail from the officer's reason in its history line. */
  public static final String REASON_MARK = "; reason: ";

  private static final Logger LOG = LoggerFactory.getLogger(OfficerActions.class);

  private final TransactionOperations<Connection> transactions;
  private final JdbcOperations jdbc;
  private final TrackedRequests requests;
  private final RequestHistory history;
  private final FailedRequests failed;
  private final Map<Platform, PlatformAdapter> adapters = new EnumMap<>(Platform.class);
  private final ApplicationEventPublisher<RequestsQueued> queued;
  private final CustodyLog custody;
  private final Clock clock;

  OfficerActions(
      TransactionOperations<Connection> transactions,
      JdbcOperations jdbc,
      TrackedRequests requests,
      RequestHistory history,
      FailedRequests failed,
      List<PlatformAdapter> adapters,
      ApplicationEventPublisher<RequestsQueued> queued,
      CustodyLog custody,
      Clock clock) {
    this.custody = custody;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.requests = requests;
    this.history = history;
    this.failed = failed;
    adapters.forEach(a -> this.adapters.put(a.platform(), a));
    this.queued = queued;
    this.clock = clock;
  }

  /**
   * Does {@code action} to the request {@code id} for {@code officer} (the {@code sub}), with the
   * officer's {@code reason}, or none (the API's reason is optional).
   *
   * @throws NotFound when there is no such request
   * @throws StateConflict when its state does not allow the action (nothing changes)
   * @throws PartnerUnavailable when the partner did not extend a preservation (nothing changes)
   */
  public void act(OfficerAction action, UUID id, String officer, Reason reason) {
    switch (action) {
      case RETRY -> retry(id, officer, reason);
      case CANCEL -> cancel(id, officer, reason);
      case EXTEND_PRESERVATION -> extendPreservation(id, officer, reason);
    }
  }

  /**
   * Does {@code action} to each of {@code ids} in turn, each in its own transaction, so that a
   * request refused (or failing) leaves what was done to the others. Repeated ids are acted on
   * once. An unexpected error (the database gone) stops the walk there: that request is {@link
   * ActionResult.Kind#FAILED}, the ones after it {@link ActionResult.Kind#NOT_ATTEMPTED}.
   *
   * @return one result per distinct id, in the order given
   * @throws InvalidInput when there are no ids or more than {@value #MAX_BULK}
   */
  public List<ActionResult> actOnEach(
      OfficerAction action, List<UUID> ids, String officer, Reason reason) {
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
    if (distinct.isEmpty() || distinct.size() > MAX_BULK) {
      throw new InvalidInput(
          List.of(new Violation("ids", "must name between 1 and " + MAX_BULK + " requests")));
    }
    List<ActionResult> results = new ArrayList<>();
    boolean stopped = false;
    for (UUID id : distinct) {
      if (stopped) {
        results.add(ActionResult.notAttempted(id));
        continue;
      }
      try {
        act(action, id, officer, reason);
        results.add(ActionResult.done(id));
      } catch (Refusal refusal) {
        results.add(ActionResult.refused(id, refusal));
      } catch (RuntimeException e) {
        LoggedFailure failure = LoggedFailure.of(e);
        LOG.atError()
            .addKeyValue(LogFields.REQUEST_ID, id)
            .addKeyValue("action", action.wireName())
            .addKeyValue("actor", officer)
            .log(
                "bulk {} stopped at request {}: {}; the requests after it were not attempted",
                action.wireName(),
                id,
                failure.describe());
        LOG.debug("bulk {} failure:\n{}", action.wireName(), LoggedFailure.frames(e));
        results.add(ActionResult.failed(id, failure.describe()));
        stopped = true;
      }
    }
    return results;
  }

  /** FAILED → PENDING with attempts reset; the partner sees the same reference again. */
  public void retry(UUID id, String officer, Reason reason) {
    TrackedRequest retried =
        transactions.executeWrite(
            status -> {
              TrackedRequest request = lock(id);
              require(OfficerAction.RETRY, request);
              Instant now = PgTime.micros(clock.instant());
              failed.requeue(
                  List.of(id),
                  HistorySource.OFFICER,
                  officer,
                  withReason("retried by an officer; attempts reset", reason),
                  now);
              custody.record(entry(OfficerAction.RETRY, request, reason, officer, now));
              return request;
            });
    logAction(retried, OfficerAction.RETRY, officer, "retried");
    queued.publishEvent(new RequestsQueued(Set.of(Platform.valueOf(retried.platform()))));
  }

  /** An open request is withdrawn; a later partner completion is still kept in its history. */
  public void cancel(UUID id, String officer, Reason reason) {
    TrackedRequest cancelled =
        transactions.executeWrite(
            status -> {
              TrackedRequest request = lock(id);
              require(OfficerAction.CANCEL, request);
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
                      RequestState.CANCELLED,
                      HistorySource.OFFICER,
                      officer,
                      withReason("cancelled by an officer", reason)));
              custody.record(entry(OfficerAction.CANCEL, request, reason, officer, now));
              return request;
            });
    logAction(cancelled, OfficerAction.CANCEL, officer, "cancelled");
  }

  /**
   * Asks the partner for 90 more days of preservation and moves {@code preservedUntil}.
   *
   * @return the new end of the preservation, as the partner gave it
   */
  public Instant extendPreservation(UUID id, String officer, Reason reason) {
    TrackedRequest request = transactions.executeWrite(status -> lock(id));
    require(OfficerAction.EXTEND_PRESERVATION, request);
    PlatformAdapter adapter = adapters.get(Platform.valueOf(request.platform()));
    if (adapter == null) {
      throw new PartnerUnavailable(request.platform() + " is not configured", false);
    }
    Instant asked = PgTime.micros(clock.instant());
    PartnerExchanges exchanges = PartnerExchanges.startingNow(clock);
    ExtendOutcome outcome =
        adapter.extendPreservation(
            new PartnerRef(request.partnerRef(), request.partnerOperation()), exchanges);
    // the officer's action and the calls it made are in the chain of custody whatever the
    // partner answered: they were made on the officer's authority
    List<CustodyEntry> custodyEntries = new ArrayList<>();
    custodyEntries.add(entry(OfficerAction.EXTEND_PRESERVATION, request, reason, officer, asked));
    custodyEntries.addAll(
        exchanges.entries(Platform.valueOf(request.platform()), id, request.caseId()));
    Refusal refusal = null;
    if (outcome instanceof PartnerFailure.Rejected rejected) {
      refusal =
          new PartnerUnavailable(
              request.platform() + " refused the extension: " + rejected.reason(), true);
    } else if (outcome instanceof PartnerFailure.Transient retry) {
      refusal =
          new PartnerUnavailable(
              request.platform() + " did not extend the preservation now: " + retry.reason(),
              false);
    } else if (outcome instanceof PartnerFailure.Unauthorized unauthorized) {
      refusal =
          new PartnerUnavailable(
              request.platform() + " refused the gateway's credentials: " + unauthorized.reason(),
              false);
    } else if (!PgTime.storable(((ExtendOutcome.Extended) outcome).preservedUntil())) {
      // the partner's answer is unreadable: whether it extended is unknown, asking again is safe
      refusal =
          new PartnerUnavailable(
              request.platform()
                  + " answered the extension with a preservation end outside the years 0001 to"
                  + " 9999",
              false);
    }
    if (refusal != null) {
      transactions.executeWrite(
          status -> {
            custody.recordAll(custodyEntries);
            return null;
          });
      throw refusal;
    }
    Instant until = ((ExtendOutcome.Extended) outcome).preservedUntil();
    StateConflict moved =
        transactions.executeWrite(
            status -> {
              custody.recordAll(custodyEntries);
              TrackedRequest locked = lock(id);
              if (!OfficerAction.EXTEND_PRESERVATION.allowedFor(
                  locked.status(), locked.outcome())) {
                // the request moved during the call: the calls stay recorded, nothing else changes
                return conflict(OfficerAction.EXTEND_PRESERVATION, locked);
              }
              Instant now = PgTime.micros(clock.instant());
              requests.movePreservation(id, until, null, now);
              history.append(
                  new HistoryLine(
                      id,
                      now,
                      RequestState.COMPLETED,
                      RequestState.COMPLETED,
                      HistorySource.OFFICER,
                      officer,
                      withReason(
                          "preservation extended to "
                              + until
                              + " (was "
                              + locked.preservedUntil()
                              + ")",
                          reason)));
              return null;
            });
    if (moved != null) {
      throw moved;
    }
    logAction(
        request, OfficerAction.EXTEND_PRESERVATION, officer, "preservation extended to " + until);
    return until;
  }

  /**
   * The history line's detail: what was done, then the officer's reason after {@value #REASON_MARK}
   * when there is one.
   */
  static String withReason(String detail, Reason reason) {
    return reason == null ? detail : detail + REASON_MARK + reason.text();
  }

  /**
   * One INFO line per action: rare, and what an operator looks for first. The officer is named by
   * the token's {@code sub} (as in the history), never by a name or an email.
   */
  private static void logAction(
      TrackedRequest request, OfficerAction action, String officer, String what) {
    // never the reason: free text that may name a person
    LogFields.request(
            LOG.atInfo(), request.id(), request.caseId(), Platform.valueOf(request.platform()))
        .addKeyValue("action", action.wireName())
        .addKeyValue("actor", officer)
        .log("request {}: {} by an officer", request.id(), what);
  }

  /**
   * The {@code officer.action} entry of an action on {@code request}, with the officer's reason
   * (null when none).
   */
  private static CustodyEntry entry(
      OfficerAction action, TrackedRequest request, Reason reason, String officer, Instant at) {
    return CustodyEntries.officerAction(
        action.wireName(),
        request.id(),
        request.caseId(),
        Platform.valueOf(request.platform()),
        reason == null ? null : reason.text(),
        officer,
        at);
  }

  /** Refuses {@code action} unless {@code request}'s state allows it ({@link OfficerAction}). */
  private static void require(OfficerAction action, TrackedRequest request) {
    if (!action.allowedFor(request.status(), request.outcome())) {
      throw conflict(action, request);
    }
  }

  private static StateConflict conflict(OfficerAction action, TrackedRequest request) {
    return new StateConflict(
        "request is "
            + request.status()
            + (request.outcome() == null ? "" : "/" + request.outcome())
            + "; "
            + action.rule(),
        request.status(),
        request.outcome());
  }

  private TrackedRequest lock(UUID id) {
    return requests.lock(id).orElseThrow(() -> new NotFound("no request " + id));
  }
}
