package org.takedown.gateway.tracking;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.custody.PartnerExchanges;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerText;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;

/**
 * Asks a partner where its due requests stand, in batches as large as the partner allows, and
 * applies what it says through {@link ApplyPartnerUpdate}, exactly as a callback would be.
 */
@Singleton
final class PollDueRequests {

  private static final Logger LOG = LoggerFactory.getLogger(PollDueRequests.class);
  // a status read is one partner call, plus a token fetch and one retry after a refused token
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final PollQueue queue;
  private final ApplyPartnerUpdate applyUpdate;
  private final PollSchedule schedule;
  private final PollingProperties properties;
  private final PartnerCallGate gate;
  private final TransactionOperations<Connection> transactions;
  private final CustodyLog custody;
  private final Clock clock;

  PollDueRequests(
      PollQueue queue,
      ApplyPartnerUpdate applyUpdate,
      PollSchedule schedule,
      PollingProperties properties,
      PartnerCallGate gate,
      TransactionOperations<Connection> transactions,
      CustodyLog custody,
      Clock clock) {
    this.gate = gate;
    this.transactions = transactions;
    this.custody = custody;
    this.queue = queue;
    this.applyUpdate = applyUpdate;
    this.schedule = schedule;
    this.properties = properties;
    this.clock = clock;
  }

  /** Polls one round of due requests; returns how many were due. */
  int pollOnce(PlatformAdapter adapter) {
    Instant now = PgTime.micros(clock.instant());
    List<PollQueue.ClaimedPoll> due =
        queue.claim(adapter.platform(), properties.batchSize(), now, now.plus(LEASE));
    int batch = Math.max(1, adapter.statusBatchLimit());
    for (int from = 0; from < due.size(); from += batch) {
      List<PollQueue.ClaimedPoll> chunk = due.subList(from, Math.min(due.size(), from + batch));
      if (!gate.tryCall(adapter.platform())) {
        // not an answer, so nothing to record: ask again once the partner may be called
        Instant soon = PgTime.micros(clock.instant()).plus(properties.idleInterval());
        due.subList(from, due.size()).forEach(poll -> queue.release(poll, soon, null));
        break;
      }
      PartnerExchanges exchanges = PartnerExchanges.startingNow(clock);
      List<StatusOutcome> answers =
          adapter.statuses(chunk.stream().map(PollQueue.ClaimedPoll::ref).toList(), exchanges);
      for (int i = 0; i < chunk.size(); i++) {
        PollQueue.ClaimedPoll poll = chunk.get(i);
        StatusOutcome answer = answers.get(i);
        // the calls that asked about this request go into the chain of custody with what their
        // answer did to it; a batch read is in each of its requests' entries
        List<CustodyEntry> exchanged =
            exchanges.entriesAbout(poll.ref(), adapter.platform(), poll.id(), poll.caseId());
        transactions.executeWrite(
            status -> {
              custody.recordAll(exchanged);
              record(adapter, poll, answer);
              return null;
            });
      }
    }
    return due.size();
  }

  private void record(PlatformAdapter adapter, PollQueue.ClaimedPoll poll, StatusOutcome answer) {
    Instant now = PgTime.micros(clock.instant());
    if (answer instanceof StatusOutcome.Known known) {
      ApplyPartnerUpdate.Result result =
          applyUpdate.apply(poll.id(), known.update(), HistorySource.PARTNER_POLL);
      // an applied update scheduled the next poll soon (first-after); release must not push
      // it back to the age-based interval meant for requests that did not move
      Instant next =
          result == ApplyPartnerUpdate.Result.APPLIED
              ? schedule.firstPoll(adapter.platform(), now)
              : schedule.nextPoll(adapter.platform(), poll.createdAt(), now);
      queue.release(poll, next, null);
    } else if (answer instanceof PartnerFailure.Transient retry) {
      Instant next = schedule.nextPoll(adapter.platform(), poll.createdAt(), now);
      Instant hinted = retry.hint().map(now::plus).orElse(next);
      queue.release(poll, hinted.isAfter(next) ? hinted : next, null);
    } else if (answer instanceof PartnerFailure.Rejected rejected) {
      LogFields.request(LOG.atWarn(), poll.id(), poll.caseId(), adapter.platform())
          .log(
              "{} refused the status of request {}: {}",
              adapter.platform(),
              poll.id(),
              PartnerText.forLog(rejected.reason()));
      queue.release(
          poll,
          schedule.backedOff(adapter.platform(), now),
          "status read refused by " + adapter.platform() + ": " + rejected.reason());
    } else if (answer instanceof PartnerFailure.Unauthorized unauthorized) {
      LogFields.request(LOG.atError(), poll.id(), poll.caseId(), adapter.platform())
          .log(
              "{} refused the gateway's credentials on a status read: {}",
              adapter.platform(),
              PartnerText.forLog(unauthorized.reason()));
      queue.release(poll, schedule.backedOff(adapter.platform(), now), null);
    }
  }
}
