package org.takedown.gateway.tracking;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerText;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * The one way a partner's word changes a request, whether it came by callback or by poll; and the
 * one way a partner's hint (a push that says only that something changed, {@link #hint}) makes a
 * request's poll due at once.
 *
 * <p>Idempotent and monotonic: the request row is locked for the transaction, so a callback and a
 * poll about the same request apply one after the other; an update that would not move the request
 * forward (a duplicate, a stale or out-of-order update, anything after a terminal state) is written
 * to the history with a detail starting {@code ignored} and changes nothing else. The one exception
 * is a poll that finds an open request where it already is: that is the answer to a question, not
 * news from the partner, and recording it would add a line to the history at every poll for as long
 * as the partner takes to decide.
 *
 * <p>An update the gateway cannot store ({@link UnreadableUpdate}: a time outside the years 0001 to
 * 9999, a reference or wording with control characters) changes nothing either. A callback's is
 * recorded in the history of the request it names, with a detail starting {@code ignored:
 * unreadable}, and logged; a poll's is only logged (the next poll asks again), and so is one whose
 * reference no request can carry. Either way the partner's callback is acknowledged: redelivered,
 * it would be as unreadable as the first time.
 */
@Singleton
public final class ApplyPartnerUpdate {

  /** What became of an update. */
  public enum Result {
    APPLIED,
    IGNORED,
    /** Verified, but about a request the gateway does not know: kept for officers. */
    ORPHAN,
    /** A poll found an open request in the state it is in: nothing changed, nothing recorded. */
    UNCHANGED,
    /** A hint made the request's poll due now; the poll's answer is what may change it. */
    POLL_DUE,
    /** Verified, but unreadable to the gateway ({@link UnreadableUpdate}): nothing changed. */
    REFUSED
  }

  /** The history line of a hint that made the request's poll due. */
  static final String HINT_DETAIL =
      "push received: poll due now; only the poll's answer changes the request";

  /** The orphan detail of a hint about a reference no request carries. */
  static final String HINT_ORPHAN_DETAIL =
      "push received (a hint, it reports no state): the request is polled once it carries this"
          + " reference";

  private static final Logger LOG = LoggerFactory.getLogger(ApplyPartnerUpdate.class);

  private final TransactionOperations<Connection> transactions;
  private final TrackedRequests requests;
  private final RequestHistory history;
  private final PollSchedule schedule;
  private final Clock clock;

  ApplyPartnerUpdate(
      TransactionOperations<Connection> transactions,
      TrackedRequests requests,
      RequestHistory history,
      PollSchedule schedule,
      Clock clock) {
    this.transactions = transactions;
    this.requests = requests;
    this.history = history;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * The request the partner calls {@code ref}, locked for the rest of the caller's transaction (in
   * which {@link #apply(Platform, PartnerUpdate, HistorySource)} and {@link #hint} then join);
   * empty when no request carries it, or none could (a reference the gateway cannot store).
   */
  public Optional<TrackedRequest> locate(Platform platform, PartnerRef ref) {
    if (UnreadableUpdate.reference(ref).isPresent()) {
      return Optional.empty();
    }
    return transactions.executeWrite(status -> requests.lock(platform, ref));
  }

  /** An update that names the request by the partner's reference (callbacks). */
  public Result apply(Platform platform, PartnerUpdate update, HistorySource source) {
    Optional<String> unreadableReference = UnreadableUpdate.reference(update.ref());
    if (unreadableReference.isPresent()) {
      LOG.warn(
          "{} {} refused: {}; no request carries it",
          platform,
          source.wireName(),
          unreadableReference.get());
      return Result.REFUSED;
    }
    return transactions.executeWrite(
        status -> {
          Optional<TrackedRequest> request = requests.lock(platform, update.ref());
          // read after the lock: a history line's time must follow the one written before it
          Instant now = PgTime.micros(clock.instant());
          if (request.isEmpty()) {
            Optional<String> unreadable = UnreadableUpdate.content(update);
            if (unreadable.isPresent()) {
              LOG.warn(
                  "{} {} about unknown request {} refused: {}",
                  platform,
                  source.wireName(),
                  PartnerText.forLog(update.ref().id()),
                  unreadable.get());
              return Result.REFUSED;
            }
            requests.recordOrphan(platform, update, now);
            LOG.atWarn()
                .addKeyValue(LogFields.PLATFORM, platform.name())
                .addKeyValue("source", source.wireName())
                .log(
                    "{} {} about unknown request {}: kept as an orphan",
                    platform,
                    source.wireName(),
                    PartnerText.forLog(update.ref().id()));
            return Result.ORPHAN;
          }
          return applyLocked(request.get(), update, source, now);
        });
  }

  /** An update about a request the caller already knows by id (polls). */
  Result apply(UUID requestId, PartnerUpdate update, HistorySource source) {
    return transactions.executeWrite(
        status -> {
          return requests
              .lock(requestId)
              .map(request -> applyLocked(request, update, source, PgTime.micros(clock.instant())))
              .orElse(Result.ORPHAN);
        });
  }

  /**
   * A partner's hint that something changed about the request it calls {@code ref} (a verified
   * Google push, whose token does not vouch for its body): nothing in it is applied. An open
   * request (SUBMITTED, IN_REVIEW) gets its poll due now, through the same polling lanes and
   * partner budget as any poll, and a history line saying so; one in any other state is not polled,
   * and the line says it was ignored. A reference no request carries is kept as an orphan with no
   * state, whose adoption makes the poll due. Joins the caller's transaction.
   */
  public Result hint(Platform platform, PartnerRef ref) {
    Optional<String> unreadableReference = UnreadableUpdate.reference(ref);
    if (unreadableReference.isPresent()) {
      LOG.warn("{} push refused: {}; no request carries it", platform, unreadableReference.get());
      return Result.REFUSED;
    }
    return transactions.executeWrite(
        status -> {
          Optional<TrackedRequest> request = requests.lock(platform, ref);
          Instant now = PgTime.micros(clock.instant());
          if (request.isEmpty()) {
            requests.recordHintOrphan(platform, ref, HINT_ORPHAN_DETAIL, now);
            LOG.warn(
                "{} push about unknown request {}: kept as an orphan",
                platform,
                PartnerText.forLog(ref.id()));
            return Result.ORPHAN;
          }
          return hintLocked(request.get(), now);
        });
  }

  private Result hintLocked(TrackedRequest request, Instant now) {
    RequestState current = request.status();
    if (current != RequestState.SUBMITTED && current != RequestState.IN_REVIEW) {
      history.append(
          new HistoryLine(
              request.id(),
              now,
              current,
              current,
              HistorySource.PARTNER_CALLBACK,
              null,
              "ignored: push received while " + current + "; not polled"));
      return Result.IGNORED;
    }
    requests.pollNow(request.id(), now);
    history.append(
        new HistoryLine(
            request.id(),
            now,
            current,
            current,
            HistorySource.PARTNER_CALLBACK,
            null,
            HINT_DETAIL));
    return Result.POLL_DUE;
  }

  /**
   * Verified callbacks that arrived before the partner's answer to the create call had been
   * recorded (so nothing carried their reference yet), applied now that it is, oldest first. A hint
   * among them makes the request's poll due now; the polling lane finds it within {@code
   * gateway.polling.idle-interval}.
   */
  public void adoptOrphans(Platform platform, PartnerRef ref) {
    transactions.executeWrite(
        status -> {
          for (TrackedRequests.Orphan orphan : requests.lockOrphans(platform, ref)) {
            if (orphan.update() == null) {
              hint(platform, orphan.ref());
            } else {
              apply(platform, orphan.update(), HistorySource.PARTNER_CALLBACK);
            }
            requests.markAdopted(orphan.id(), PgTime.micros(clock.instant()));
          }
          return null;
        });
  }

  /**
   * {@link #adoptOrphans(Platform, PartnerRef)} for a batch of answers: one look for waiting
   * orphans for the lot (almost always none), then each reference that has some.
   */
  public void adoptOrphans(Platform platform, List<PartnerRef> refs) {
    if (refs.isEmpty()) {
      return;
    }
    transactions.executeWrite(
        status -> {
          Set<String> waiting = requests.orphanedRefs(platform, refs);
          for (PartnerRef ref : refs) {
            if (waiting.contains(ref.id())
                || (ref.operation() != null && waiting.contains(ref.operation()))) {
              adoptOrphans(platform, ref);
            }
          }
          return null;
        });
  }

  /**
   * An update about a known request that the gateway cannot store: a callback's is recorded in the
   * request's history so that officers see that the partner said something; a poll's would be
   * recorded again at every poll, so it is only logged.
   */
  private Result refuse(
      TrackedRequest request,
      PartnerUpdate update,
      HistorySource source,
      String reason,
      Instant now) {
    LOG.warn(
        "{} {} about request {} refused: {}",
        request.platform(),
        source.wireName(),
        request.id(),
        reason);
    if (source != HistorySource.PARTNER_POLL) {
      String words =
          update.detail() != null && PlainText.isPlainMultiLine(update.detail())
              ? " (" + update.detail() + ")"
              : "";
      history.append(
          new HistoryLine(
              request.id(),
              now,
              request.status(),
              request.status(),
              source,
              null,
              "ignored: unreadable update with " + reason + words));
    }
    return Result.REFUSED;
  }

  /** The partner kept the data longer (an extension whose answer the gateway missed). */
  private static boolean extendsPreservation(
      TrackedRequest request, RequestState target, Outcome outcome, Instant preservedUntil) {
    return request.status() == RequestState.COMPLETED
        && request.outcome() == Outcome.PRESERVED
        && target == RequestState.COMPLETED
        && outcome == Outcome.PRESERVED
        && preservedUntil != null
        && request.preservedUntil() != null
        && preservedUntil.isAfter(request.preservedUntil());
  }

  private Result applyLocked(
      TrackedRequest request, PartnerUpdate update, HistorySource source, Instant now) {
    RequestState current = request.status();
    Optional<String> unreadable = UnreadableUpdate.content(update);
    if (unreadable.isPresent()) {
      return refuse(request, update, source, unreadable.get(), now);
    }
    RequestState target = target(update.state());
    Outcome outcome = update.outcome() == null ? null : outcome(update.outcome());
    if (source == HistorySource.PARTNER_POLL && target == current && !current.isTerminal()) {
      return Result.UNCHANGED;
    }
    String reported = target + (outcome == null ? "" : "/" + outcome);
    String ignored = null;
    if (extendsPreservation(request, target, outcome, update.preservedUntil())) {
      requests.movePreservation(request.id(), update.preservedUntil(), update.updatedAt(), now);
      history.append(
          new HistoryLine(
              request.id(),
              now,
              current,
              current,
              source,
              null,
              "preservation extended by the partner to "
                  + update.preservedUntil()
                  + " (was "
                  + request.preservedUntil()
                  + ")"));
      logUpdate(request, source, current, current, "preservation extended by the partner");
      return Result.APPLIED;
    }
    if (current.isTerminal()) {
      ignored =
          current == target && outcome == request.outcome()
              ? "ignored: duplicate " + reported
              : "ignored: request is already " + current + "; partner reports " + reported;
    } else if (target.rank() < current.rank()) {
      ignored = "ignored: stale " + reported + " after " + current;
    } else if (target == current) {
      ignored = "ignored: duplicate " + reported;
    }
    String detail = update.detail() == null ? reported : update.detail();
    if (ignored != null) {
      history.append(
          new HistoryLine(
              request.id(), now, current, current, source, null, ignored + " (" + detail + ")"));
      logUpdate(request, source, current, current, ignored);
      return Result.IGNORED;
    }
    Platform platform = Platform.valueOf(request.platform());
    // a request that has just moved is likely to move again soon: ask first-after from now
    Instant nextPoll = target.isTerminal() ? null : schedule.firstPoll(platform, now);
    requests.moveTo(
        request.id(),
        target,
        outcome,
        update.preservedUntil(),
        update.updatedAt(),
        target == RequestState.FAILED ? detail : null,
        nextPoll,
        now);
    history.append(new HistoryLine(request.id(), now, current, target, source, null, detail));
    logUpdate(request, source, current, target, reported);
    return Result.APPLIED;
  }

  /** The state a partner's report moves a request to. */
  private static RequestState target(PartnerState reported) {
    return switch (reported) {
      case SUBMITTED -> RequestState.SUBMITTED;
      case IN_REVIEW -> RequestState.IN_REVIEW;
      case COMPLETED -> RequestState.COMPLETED;
      case FAILED -> RequestState.FAILED;
    };
  }

  /** The outcome a partner reports, in the words the gateway keeps and shows. */
  private static Outcome outcome(org.takedown.platform.Outcome reported) {
    return switch (reported) {
      case REMOVED -> Outcome.REMOVED;
      case RESTRICTED -> Outcome.RESTRICTED;
      case PRESERVED -> Outcome.PRESERVED;
      case NOT_FOUND -> Outcome.NOT_FOUND;
      case NO_VIOLATION -> Outcome.NO_VIOLATION;
      case DECLINED -> Outcome.DECLINED;
    };
  }

  /** One DEBUG line per update a request received: who said it, and what became of it. */
  private static void logUpdate(
      TrackedRequest request,
      HistorySource source,
      RequestState from,
      RequestState to,
      String what) {
    if (LOG.isDebugEnabled()) {
      LogFields.request(
              LOG.atDebug(), request.id(), request.caseId(), Platform.valueOf(request.platform()))
          .addKeyValue("source", source.wireName())
          .addKeyValue("from", from.name())
          .addKeyValue("to", to.name())
          .log("request {}: {} {} -> {}: {}", request.id(), source.wireName(), from, to, what);
    }
  }
}
