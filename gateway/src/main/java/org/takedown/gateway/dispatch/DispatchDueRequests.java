package org.takedown.gateway.dispatch;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.gateway.tracking.PollSchedule;
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
  private final Clock clock;

  DispatchDueRequests(
      RequestQueue queue,
      DispatchProperties properties,
      PollSchedule pollSchedule,
      ApplyPartnerUpdate partnerUpdates,
      TransactionOperations<Connection> transactions,
      Clock clock) {
    this.transactions = transactions;
    this.queue = queue;
    this.partnerUpdates = partnerUpdates;
    this.pollSchedule = pollSchedule;
    this.properties = properties;
    this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
    this.clock = clock;
  }

  List<ClaimedRequest> claim(Platform platform, int max, String owner) {
    Instant now = PgTime.micros(clock.instant());
    return queue.claim(platform, max, now, now.plus(properties.lease()), owner);
  }

  /** See {@link RequestQueue#releaseLeasesOf}. */
  int releaseLeasesOf(String owner) {
    return queue.releaseLeasesOf(owner);
  }

  /** Records what {@code platform} answered about a claimed request. */
  Delivery record(ClaimedRequest claim, Platform platform, SubmitOutcome outcome) {
    Instant now = PgTime.micros(clock.instant());
    String partner = platform.name();
    boolean recorded;
    Delivery delivery;
    if (outcome instanceof SubmitOutcome.Accepted accepted) {
      String detail =
          (accepted.duplicate() ? "already held by " : "accepted by ")
              + partner
              + " as "
              + accepted.ref().id();
      Instant firstPoll = pollSchedule.firstPoll(platform, now);
      // one transaction: a callback that beat this answer is applied with it, or neither is
      recorded =
          transactions.executeWrite(
              status -> {
                boolean marked = queue.markSubmitted(claim, accepted.ref(), detail, firstPoll, now);
                if (marked) {
                  partnerUpdates.adoptOrphans(platform, accepted.ref());
                }
                return marked;
              });
      delivery = Delivery.SUBMITTED;
    } else if (outcome instanceof SubmitOutcome.Rejected rejected) {
      recorded = queue.markFailed(claim, "rejected by " + partner + ": " + rejected.reason(), now);
      delivery = Delivery.FAILED;
    } else if (outcome instanceof SubmitOutcome.RetryLater retry) {
      int attempt = claim.attempts() + 1;
      Duration age = Duration.between(claim.createdAt(), now);
      if (attempt >= properties.maxAttempts()) {
        recorded =
            queue.markFailed(
                claim, "gave up after " + attempt + " attempts: " + retry.reason(), now);
        delivery = Delivery.FAILED;
      } else if (age.compareTo(properties.maxAge()) >= 0) {
        recorded =
            queue.markFailed(
                claim,
                "gave up after "
                    + attempt
                    + " attempts over "
                    + age.truncatedTo(ChronoUnit.MINUTES)
                    + " (gateway.dispatch.max-age "
                    + properties.maxAge()
                    + "): "
                    + retry.reason(),
                now);
        delivery = Delivery.FAILED;
      } else {
        Instant next = now.plus(backoff.after(attempt, retry.hint()));
        recorded = queue.scheduleRetry(claim, retry.reason(), next, true, now);
        delivery = Delivery.RETRY_SCHEDULED;
      }
    } else if (outcome instanceof SubmitOutcome.PartnerUnauthorized unauthorized) {
      Instant next = now.plus(properties.unauthorizedPause());
      recorded = queue.scheduleRetry(claim, unauthorized.reason(), next, false, now);
      delivery = Delivery.PARTNER_UNAUTHORIZED;
    } else {
      throw new IllegalStateException("unknown outcome " + outcome);
    }
    if (!recorded) {
      LOG.warn(
          "request {}: lease lost before the {} answer was recorded; it will be sent again with"
              + " the same reference",
          claim.id(),
          partner);
      return Delivery.LEASE_LOST;
    }
    return delivery;
  }
}
