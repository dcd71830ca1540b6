package org.takedown.gateway.intake;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.contracts.Action;
import org.takedown.contracts.CaseStatus;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.refusal.DuplicateCase;
import org.takedown.gateway.refusal.IdempotencyKeyReused;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.RequestStates;
import org.takedown.platform.Platform;

/**
 * Stores a validated case with one PENDING request per (item, action), in one transaction, and
 * wakes the dispatcher once it has committed.
 */
@Singleton
public final class SubmitCase {

  /**
   * The case that answers the submission; {@code replayed} when an Idempotency-Key matched. A case
   * created now comes with its view as written, so that the answer needs no second read of what the
   * transaction has just written; a replayed one is read as it is now.
   */
  public record Submitted(UUID caseId, boolean replayed, Optional<CaseView> created) {}

  private static final Logger LOG = LoggerFactory.getLogger(SubmitCase.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final Comparator<Action> ACTIONS_AS_READ =
      Comparator.comparing(Action::name, Comparator.reverseOrder());

  private final TransactionOperations<Connection> transactions;
  private final CaseStore store;
  private final RequestHistory history;
  private final Deadlines deadlines;
  private final Clock clock;
  private final ApplicationEventPublisher<RequestsQueued> queued;

  SubmitCase(
      TransactionOperations<Connection> transactions,
      CaseStore store,
      RequestHistory history,
      Deadlines deadlines,
      Clock clock,
      ApplicationEventPublisher<RequestsQueued> queued) {
    this.transactions = transactions;
    this.store = store;
    this.history = history;
    this.deadlines = deadlines;
    this.clock = clock;
    this.queued = queued;
  }

  Submitted submit(String submitter, NewCase newCase, Optional<IdempotencyKey> key) {
    Submitted submitted;
    try {
      submitted = transactions.executeWrite(status -> store(submitter, newCase, key));
    } catch (DataAccessException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      // a concurrent submission with the same externalRef committed first
      UUID existing =
          transactions
              .executeRead(status -> store.caseByExternalRef(submitter, newCase.externalRef()))
              .orElseThrow(() -> e);
      throw new DuplicateCase(newCase.externalRef(), existing);
    }
    if (!submitted.replayed()) {
      Set<Platform> platforms = EnumSet.noneOf(Platform.class);
      newCase.items().forEach(item -> platforms.add(item.location().platform()));
      queued.publishEvent(new RequestsQueued(platforms));
      if (LOG.isDebugEnabled()) {
        submitted.created().ifPresent(SubmitCase::logCreated);
      }
    }
    return submitted;
  }

  /** At DEBUG, one line per request created, with its ids: where a request's trail begins. */
  private static void logCreated(CaseView view) {
    for (RequestView request : view.requests()) {
      LogFields.request(
              LOG.atDebug(), request.id(), view.id(), Platform.valueOf(request.platform().name()))
          .addKeyValue("action", request.action().name())
          .log("request {} created: {} at {}", request.id(), request.action(), request.platform());
    }
  }

  private Submitted store(String submitter, NewCase newCase, Optional<IdempotencyKey> key) {
    Instant now = PgTime.micros(clock.instant());
    if (key.isPresent()
        && !store.claimKey(submitter, key.get().key(), key.get().bodySha256(), now)) {
      CaseStore.KeyUse use = store.keyUse(submitter, key.get().key()).orElseThrow();
      if (!use.bodySha256().equals(key.get().bodySha256())) {
        throw new IdempotencyKeyReused();
      }
      return new Submitted(use.caseId(), true, Optional.empty());
    }
    Optional<UUID> existing = store.caseByExternalRef(submitter, newCase.externalRef());
    if (existing.isPresent()) {
      throw new DuplicateCase(newCase.externalRef(), existing.get());
    }
    UUID caseId = UUID.randomUUID();
    Instant dueAt = now.plus(deadlines.of(newCase.priority(), newCase.category()));
    List<CaseStore.NewRequest> requests = new ArrayList<>();
    List<HistoryLine> created = new ArrayList<>();
    for (int position = 0; position < newCase.items().size(); position++) {
      NewCase.Item item = newCase.items().get(position);
      // in the order CaseReads lists a case's requests: by item, then action descending
      for (Action action : item.actions().stream().sorted(ACTIONS_AS_READ).toList()) {
        UUID requestId = UUID.randomUUID();
        requests.add(
            new CaseStore.NewRequest(
                requestId,
                position,
                item.location().platform().name(),
                action.name(),
                item.url(),
                item.location().canonicalUrl(),
                item.location().contentId(),
                dueAt));
        created.add(
            new HistoryLine(
                requestId,
                now,
                null,
                RequestState.PENDING,
                HistorySource.GATEWAY,
                submitter,
                "created from case " + newCase.externalRef()));
      }
    }
    store.insertCase(caseId, submitter, newCase, now);
    store.insertRequests(caseId, submitter, newCase, requests, now);
    history.append(created);
    key.ifPresent(k -> store.bindKey(submitter, k.key(), caseId));
    CaseView view =
        new CaseView(
            caseId,
            newCase.externalRef(),
            newCase.category(),
            newCase.priority(),
            now,
            CaseStatus.OPEN,
            requests.stream().map(r -> asCreated(r, caseId, now)).toList());
    return new Submitted(caseId, false, Optional.of(view));
  }

  /** A request as {@code CaseReads} would read it right after it was stored. */
  private static RequestView asCreated(CaseStore.NewRequest request, UUID caseId, Instant now) {
    return new RequestView(
        request.id(),
        caseId,
        org.takedown.contracts.Platform.valueOf(request.platform()),
        Action.valueOf(request.action()),
        request.url(),
        request.canonicalUrl(),
        request.contentId(),
        RequestStates.toContract(RequestState.PENDING),
        null,
        null,
        0,
        now,
        null,
        request.dueAt(),
        null,
        now,
        now);
  }

  private static boolean isUniqueViolation(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
