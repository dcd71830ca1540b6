package org.takedown.gateway.deadletter;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.custody.CustodyEntries;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.gateway.request.FailedRequests;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.RequestCursor;
import org.takedown.platform.Platform;

/**
 * An admin retries the FAILED requests a filter selects, or first counts them (a dry run). Each
 * request is retried exactly as an officer's retry does it ({@link FailedRequests}): back to
 * PENDING, attempts reset, the same partner reference, a history line with the admin's {@code sub}.
 */
@Singleton
public final class RetryDeadLetters {

  static final String DETAIL = "retried from the dead letter in bulk; attempts reset";

  /** The history detail of a request an admin picked out of the dead letter and retried. */
  static final String SELECTED_DETAIL = "retried from the dead letter (selected); attempts reset";

  /** The most requests one {@link #retrySelected} takes: a page of the listing at its largest. */
  public static final int MAX_SELECTED = ListingParameters.MAX_LIMIT;

  /** What a retry of selected requests did to one of them. */
  public enum RetryOutcome {
    /** It was FAILED and is PENDING again, to be sent under the same reference. */
    RETRIED,
    /** It was no longer FAILED (someone retried it first): left as it is. */
    NOT_FAILED,
    /** No request has that id. */
    UNKNOWN
  }

  /**
   * One selected request and what happened to it.
   *
   * @param status its state after the call; null when it is {@link RetryOutcome#UNKNOWN}
   */
  public record SelectedRetry(UUID id, RetryOutcome outcome, RequestState status) {}

  private static final Logger LOG = LoggerFactory.getLogger(RetryDeadLetters.class);

  private final DeadLetters deadLetters;
  private final FailedRequests failed;
  private final TransactionOperations<Connection> transactions;
  private final ApplicationEventPublisher<RequestsQueued> queued;
  private final DeadLetterProperties properties;
  private final CustodyLog custody;
  private final Clock clock;

  RetryDeadLetters(
      DeadLetters deadLetters,
      FailedRequests failed,
      TransactionOperations<Connection> transactions,
      ApplicationEventPublisher<RequestsQueued> queued,
      DeadLetterProperties properties,
      CustodyLog custody,
      Clock clock) {
    this.custody = custody;
    this.deadLetters = deadLetters;
    this.failed = failed;
    this.transactions = transactions;
    this.queued = queued;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Retries the FAILED requests {@code filter} selects, or with {@code dryRun} only counts them.
   */
  public DeadLetterRetryResult retry(DeadLetterFilter filter, boolean dryRun, String admin) {
    if (dryRun) {
      return new DeadLetterRetryResult(deadLetters.count(filter), 0, true);
    }
    // A request retried here may fail again while the walk goes on; bounding the walk by the
    // moment it began keeps such a request out of it, so one call retries a request at most once.
    Instant startedAt = PgTime.micros(clock.instant());
    DeadLetterFilter walked = filter.failedBefore(startedAt.plus(1, ChronoUnit.MICROS));
    int batchSize = properties.batchSize();
    long matched = 0;
    long retried = 0;
    RequestCursor after = null;
    while (true) {
      RequestCursor from = after;
      Batch batch =
          transactions.executeWrite(
              status -> {
                List<RequestCursor> positions = deadLetters.positions(walked, batchSize, from);
                Instant now = PgTime.micros(clock.instant());
                List<FailedRequests.Requeued> requeued =
                    failed.requeue(
                        positions.stream().map(RequestCursor::id).toList(),
                        HistorySource.OFFICER,
                        admin,
                        DETAIL,
                        now);
                custody.recordAll(retried(requeued, admin, now));
                return new Batch(positions, requeued);
              });
      matched += batch.positions().size();
      retried += batch.requeued().size();
      // woken after each commit, so that the partners receive the first batches while later
      // ones are still being retried
      wakeDispatchers(batch.requeued());
      if (batch.positions().size() < batchSize) {
        break;
      }
      after = batch.positions().get(batch.positions().size() - 1);
    }
    LOG.info(
        "{} retried {} of {} dead-lettered requests (platform {}, failed from {} to {})",
        admin,
        retried,
        matched,
        filter.platform() == null ? "any" : filter.platform(),
        filter.failedFrom() == null ? "the start" : filter.failedFrom(),
        filter.failedTo() == null ? startedAt : filter.failedTo());
    return new DeadLetterRetryResult(matched, retried, false);
  }

  /**
   * Retries those of {@code ids} that are FAILED, each exactly as {@link #retry} does, in one
   * transaction; answers, in the order asked (repeats once), what happened to each.
   *
   * @throws IllegalArgumentException for more than {@link #MAX_SELECTED} ids
   */
  public List<SelectedRetry> retrySelected(Collection<UUID> ids, String admin) {
    List<UUID> asked = List.copyOf(new LinkedHashSet<>(ids));
    if (asked.size() > MAX_SELECTED) {
      throw new IllegalArgumentException(
          "at most " + MAX_SELECTED + " requests at a time, not " + asked.size());
    }
    Selected selected =
        transactions.executeWrite(
            status -> {
              Instant now = PgTime.micros(clock.instant());
              List<FailedRequests.Requeued> requeued =
                  failed.requeue(asked, HistorySource.OFFICER, admin, SELECTED_DETAIL, now);
              custody.recordAll(retried(requeued, admin, now));
              return new Selected(requeued, deadLetters.statuses(asked));
            });
    wakeDispatchers(selected.requeued());
    Set<UUID> retried = new HashSet<>();
    selected.requeued().forEach(r -> retried.add(r.id()));
    List<SelectedRetry> results = new ArrayList<>();
    for (UUID id : asked) {
      RequestState now = selected.statuses().get(id);
      results.add(
          new SelectedRetry(
              id,
              retried.contains(id)
                  ? RetryOutcome.RETRIED
                  : now == null ? RetryOutcome.UNKNOWN : RetryOutcome.NOT_FAILED,
              now));
    }
    LOG.info(
        "{} retried {} of {} dead-lettered requests selected by id",
        admin,
        retried.size(),
        asked.size());
    return results;
  }

  private record Selected(
      List<FailedRequests.Requeued> requeued, Map<UUID, RequestState> statuses) {}

  /** The {@code officer.action} entries of requests retried from the dead letter (no reason). */
  private static List<CustodyEntry> retried(
      List<FailedRequests.Requeued> requeued, String admin, Instant at) {
    return requeued.stream()
        .map(
            r ->
                CustodyEntries.officerAction(
                    OfficerAction.RETRY.wireName(),
                    r.id(),
                    r.caseId(),
                    r.platform(),
                    null,
                    admin,
                    at))
        .toList();
  }

  private void wakeDispatchers(List<FailedRequests.Requeued> requeued) {
    if (requeued.isEmpty()) {
      return;
    }
    Set<Platform> platforms = EnumSet.noneOf(Platform.class);
    requeued.forEach(r -> platforms.add(r.platform()));
    queued.publishEvent(new RequestsQueued(platforms));
  }

  private record Batch(List<RequestCursor> positions, List<FailedRequests.Requeued> requeued) {}
}
