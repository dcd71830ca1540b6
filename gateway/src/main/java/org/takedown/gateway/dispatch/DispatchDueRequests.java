package org.takedown.gateway.dispatch;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.custody.PartnerExchanges;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.gateway.tracking.PollSchedule;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;

/**
 * Claims due PENDING requests of one partner and delivers each through the partner's adapter,
 * recording what the partner answered: SUBMITTED with its reference, a retry with backoff, or
 * FAILED for good.
 */
@Singleton
final class DispatchDueRequests {

  /** What became of one delivery. */
  enum Delivery {
    SUBMITTED,
    RETRY_SCHEDULED,
    FAILED,
    PARTNER_UNAUTHORIZED,
    /** The lease ran out before the answer was recorded; another dispatcher owns the request. */
    LEASE_LOST
  }

  private static final Logger LOG = LoggerFactory.getLogger(DispatchDueRequests.class);

  private final RequestQueue queue;
  private final DispatchProperties properties;
  private final Backoff backoff;
  private final PollSchedule pollSchedule;
  private final ApplyPartnerUpdate partnerUpdates;
  private final TransactionOperations<Connection> transactions;
  private final CustodyLog custody;
  private final Clock clock;

  DispatchDueRequests(
      RequestQueue queue,
      DispatchProperties properties,
      PollSchedule pollSchedule,
      ApplyPartnerUpdate partnerUpdates,
      TransactionOperations<Connection> transactions,
      CustodyLog custody,
      Clock clock) {
    this.transactions = transactions;
    this.custody = custody;
    this.queue = queue;
    this.partnerUpdates = partnerUpdates;
    this.pollSchedule = pollSchedule;
    this.properties = properties;
    this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
    this.clock = clock;
  }

  /** Claims up to {@code max} due requests from the head of the claim order. */
  List<ClaimedRequest> claim(Platform platform, int max, String owner) {
    return claim(platform, max, owner, new ClaimCursor(clock));
  }

  /**
   * Claims up to {@code max} due requests from where {@code cursor} stands, and moves it on. When
   * fewer are due beyond the cursor, the rest is looked for from the head of the order, where
   * retries and requests with earlier deadlines may have become due meanwhile.
   */
  List<ClaimedRequest> claim(Platform platform, int max, String owner, ClaimCursor cursor) {
    Instant now = PgTime.micros(clock.instant());
    Instant leaseUntil = now.plus(properties.lease());
    ClaimPosition from = cursor.position();
    List<ClaimedRequest> claimed = queue.claim(platform, max, now, leaseUntil, owner, from);
    if (claimed.size() == max || from.equals(ClaimPosition.START)) {
      cursor.claimed(max, claimed);
      return claimed;
    }
    int rest = max - claimed.size();
    List<ClaimedRequest> fromHead =
        queue.claim(platform, rest, now, leaseUntil, owner, ClaimPosition.START);
    cursor.rewind();
    cursor.claimed(rest, fromHead);
    List<ClaimedRequest> all = new ArrayList<>(claimed);
    all.addAll(fromHead);
    return all;
  }

  /** See {@link RequestQueue#releaseLeasesOf}. */
  int releaseLeasesOf(String owner) {
    return queue.releaseLeasesOf(owner);
  }

  /**
   * A partner's answer about a claimed request, waiting to be recorded with the calls that got it
   * (recorded in the chain of custody in the same transaction).
   */
  record Answer(ClaimedRequest claim, SubmitOutcome outcome, PartnerExchanges exchanges) {

    /** An answer whose calls nobody reported. */
    Answer(ClaimedRequest claim, SubmitOutcome outcome) {
      this(claim, outcome, null);
    }
  }

  /** Where a delivery that begins now reports its calls to the partner. */
  PartnerExchanges exchanges() {
    return PartnerExchanges.startingNow(clock);
  }

  /** Records what {@code platform} answered about a claimed request. */
  Delivery record(ClaimedRequest claim, Platform platform, SubmitOutcome outcome) {
    return record(platform, List.of(new Answer(claim, outcome))).get(0);
  }

  /**
   * Records what {@code platform} answered about each claimed request, all in one transaction with
   * one statement round trip per kind of result: at a few hundred answers a second, a transaction
   * per answer cost the database and the gateway more than the answers themselves. Returns what
   * became of each answer, in order.
   */
  List<Delivery> record(Platform platform, List<Answer> answers) {
    Instant now = PgTime.micros(clock.instant());
    String partner = platform.name();
    Instant firstPoll = pollSchedule.firstPoll(platform, now);
    Delivery[] deliveries = new Delivery[answers.size()];
    List<Integer> acceptedAt = new ArrayList<>();
    List<RequestQueue.Accepted> accepted = new ArrayList<>();
    List<Integer> retryAt = new ArrayList<>();
    List<RequestQueue.Retry> retries = new ArrayList<>();
    List<Integer> failedAt = new ArrayList<>();
    List<RequestQueue.Failure> failures = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      ClaimedRequest claim = answers.get(i).claim();
      SubmitOutcome outcome = answers.get(i).outcome();
      if (outcome instanceof SubmitOutcome.Accepted answer) {
        String detail =
            (answer.duplicate() ? "already held by " : "accepted by ")
                + partner
                + " as "
                + answer.ref().id();
        acceptedAt.add(i);
        accepted.add(new RequestQueue.Accepted(claim, answer.ref(), detail, firstPoll));
        deliveries[i] = Delivery.SUBMITTED;
      } else if (outcome instanceof PartnerFailure.Rejected rejected) {
        failedAt.add(i);
        failures.add(
            new RequestQueue.Failure(claim, "rejected by " + partner + ": " + rejected.reason()));
        deliveries[i] = Delivery.FAILED;
      } else if (outcome instanceof PartnerFailure.Transient retry) {
        int attempt = claim.attempts() + 1;
        Duration age = Duration.between(claim.createdAt(), now);
        if (attempt >= properties.maxAttempts()) {
          failedAt.add(i);
          failures.add(
              new RequestQueue.Failure(
                  claim, "gave up after " + attempt + " attempts: " + retry.reason()));
          deliveries[i] = Delivery.FAILED;
        } else if (age.compareTo(properties.maxAge()) >= 0) {
          failedAt.add(i);
          failures.add(
              new RequestQueue.Failure(
                  claim,
                  "gave up after "
                      + attempt
                      + " attempts over "
                      + age.truncatedTo(ChronoUnit.MINUTES)
                      + " (gateway.dispatch.max-age "
                      + properties.maxAge()
                      + "): "
                      + retry.reason()));
          deliveries[i] = Delivery.FAILED;
        } else {
          Instant next = now.plus(backoff.after(attempt, retry.hint()));
          retryAt.add(i);
          retries.add(new RequestQueue.Retry(claim, retry.reason(), next, true));
          deliveries[i] = Delivery.RETRY_SCHEDULED;
        }
      } else if (outcome instanceof PartnerFailure.Unauthorized unauthorized) {
        Instant next = now.plus(properties.unauthorizedPause());
        retryAt.add(i);
        retries.add(new RequestQueue.Retry(claim, unauthorized.reason(), next, false));
        deliveries[i] = Delivery.PARTNER_UNAUTHORIZED;
      } else {
        throw new IllegalStateException("unknown outcome " + outcome);
      }
    }
    List<CustodyEntry> exchanged = new ArrayList<>(2 * answers.size());
    for (Answer answer : answers) {
      if (answer.exchanges() != null) {
        ClaimedRequest claim = answer.claim();
        exchanged.addAll(answer.exchanges().entries(platform, claim.id(), claim.caseId()));
      }
    }
    // one transaction: a callback that beat an answer is applied with it, or neither is; the
    // calls are in the chain of custody with the answer they got (also when the lease was lost:
    // they were made all the same)
    transactions.executeWrite(
        status -> {
          custody.recordAll(exchanged);
          boolean[] submitted = queue.markSubmitted(accepted, now);
          List<PartnerRef> marked = new ArrayList<>();
          for (int k = 0; k < submitted.length; k++) {
            if (submitted[k]) {
              marked.add(accepted.get(k).ref());
            } else {
              deliveries[acceptedAt.get(k)] = Delivery.LEASE_LOST;
            }
          }
          partnerUpdates.adoptOrphans(platform, marked);
          markLost(queue.scheduleRetry(retries, now), retryAt, deliveries);
          markLost(queue.markFailed(failures, now), failedAt, deliveries);
          return null;
        });
    boolean debug = LOG.isDebugEnabled();
    for (int i = 0; i < deliveries.length; i++) {
      ClaimedRequest claim = answers.get(i).claim();
      if (deliveries[i] == Delivery.LEASE_LOST) {
        LogFields.request(LOG.atWarn(), claim.id(), claim.caseId(), platform)
            .addKeyValue(LogFields.ATTEMPT, claim.attempt())
            .log(
                "request {}: lease lost before the {} answer was recorded; it will be sent again"
                    + " with the same reference",
                claim.id(),
                partner);
      } else if (debug) {
        LogFields.request(LOG.atDebug(), claim.id(), claim.caseId(), platform)
            .addKeyValue(LogFields.ATTEMPT, claim.attempt())
            .addKeyValue("delivery", deliveries[i].name())
            .log(
                "request {}: attempt {} at {}: {}",
                claim.id(),
                claim.attempt(),
                partner,
                deliveries[i]);
      }
    }
    return List.of(deliveries);
  }

  private static void markLost(boolean[] recorded, List<Integer> positions, Delivery[] deliveries) {
    for (int k = 0; k < recorded.length; k++) {
      if (!recorded[k]) {
        deliveries[positions.get(k)] = Delivery.LEASE_LOST;
      }
    }
  }
}
