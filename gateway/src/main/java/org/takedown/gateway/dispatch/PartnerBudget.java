package org.takedown.gateway.dispatch;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.logs.LogFields;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;

/**
 * Whether this instance may call one partner now, and how many times: its bulkhead (calls in
 * flight), rate limiter (calls started per period), circuit breaker (recent failures), a hold while
 * the partner asked for quiet ({@code Retry-After} and the like), and a pause while it refuses the
 * gateway's credentials. Permits are taken <em>before</em> requests are claimed, so that a call
 * refused by the budget never touches a request: it stays PENDING, is not an attempt, and is due as
 * soon as the partner may be called again.
 *
 * <p>Its time is the gateway's {@link Clock} (a test moves it by hand): the breaker reads it as
 * resilience4j does, and the holds, the pause and the rate limiter's periods count the time it has
 * moved forward ({@link ForwardTime}), so that a system clock set back never lengthens them.
 */
final class PartnerBudget {

  /**
   * Calls granted by {@link #reserve}; a probe is the one call that decides whether a pause ends.
   */
  record Grant(int calls, boolean probe) {
    static final Grant NONE = new Grant(0, false);
  }

  private static final Logger LOG = LoggerFactory.getLogger(PartnerBudget.class);

  private final Platform platform;
  private final Bulkhead bulkhead;
  private final CircuitBreaker breaker;
  private final RateLimiter rateLimiter;
  private final Duration unauthorizedPause;
  private final Object pauseLock = new Object();
  private boolean paused;
  private boolean probeInFlight;
  private long probeAtNanos;
  private final ForwardTime time;
  private volatile long holdUntilNanos;

  PartnerBudget(Platform platform, PartnerLimits limits, Duration unauthorizedPause, Clock clock) {
    this.platform = platform;
    this.time = new ForwardTime(clock);
    this.holdUntilNanos = time.nanos();
    String name = platform.name().toLowerCase();
    this.bulkhead =
        Bulkhead.of(
            name,
            BulkheadConfig.custom()
                .maxConcurrentCalls(limits.concurrency())
                .maxWaitDuration(Duration.ZERO)
                .build());
    this.breaker =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(limits.window())
                .minimumNumberOfCalls(limits.minimumCalls())
                .failureRateThreshold(limits.failureRate())
                .slowCallRateThreshold(limits.slowCallRate())
                .slowCallDurationThreshold(limits.slowCall())
                .waitDurationInOpenState(limits.openWait())
                .permittedNumberOfCallsInHalfOpenState(limits.halfOpenCalls())
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    // resilience4j's own rate limiter, built with the budget's time instead of System.nanoTime
    this.rateLimiter =
        new AtomicRateLimiter(
            name,
            RateLimiterConfig.custom()
                .limitForPeriod(limits.rateLimit())
                .limitRefreshPeriod(limits.ratePeriod())
                // a claimed request may wait this long for its permit (see settle)
                .timeoutDuration(limits.ratePeriod())
                .build(),
            time::nanos);
    this.unauthorizedPause = unauthorizedPause;
    breaker
        .getEventPublisher()
        .onStateTransition(
            event ->
                LOG.atWarn()
                    .addKeyValue(LogFields.PLATFORM, platform.name())
                    .log(
                        "{} circuit breaker {}",
                        platform,
                        event.getStateTransition().getToState()));
  }

  /**
   * Takes permits for at most {@code wanted} calls without waiting; {@link Grant#NONE} when the
   * partner may not be called now. A grant is settled with {@link #settle} once the requests are
   * claimed, and each claimed call ends in {@link #completed} or {@link #abandoned}.
   */
  Grant reserve(int wanted) {
    if (time.nanos() - holdUntilNanos < 0) {
      return Grant.NONE;
    }
    boolean probe;
    synchronized (pauseLock) {
      if (paused && (probeInFlight || time.nanos() - probeAtNanos < 0)) {
        return Grant.NONE;
      }
      probe = paused;
      int granted = take(probe ? 1 : wanted);
      probeInFlight = probe && granted > 0;
      return granted == 0 ? Grant.NONE : new Grant(granted, probe);
    }
  }

  /**
   * Rate permits are only looked at here and spent in {@link #settle} for the requests actually
   * claimed: a rate permit cannot be given back, and an idle lane looking for work every poll
   * interval would otherwise spend the partner's whole quota on nothing.
   */
  private int take(int wanted) {
    int target = Math.min(wanted, Math.max(0, rateLimiter.getMetrics().getAvailablePermissions()));
    int granted = 0;
    while (granted < target) {
      if (!bulkhead.tryAcquirePermission()) {
        break;
      }
      if (!breaker.tryAcquirePermission()) {
        bulkhead.releasePermission();
        break;
      }
      granted++;
    }
    return granted;
  }

  /**
   * A status read: spends a rate permit, and is refused while the breaker is open, the partner
   * asked for quiet or refuses the gateway's credentials. Its outcome does not feed the breaker,
   * which judges deliveries.
   */
  boolean tryStatusCall() {
    if (time.nanos() - holdUntilNanos < 0
        || isPaused()
        || breaker.getState() == CircuitBreaker.State.OPEN
        || rateLimiter.getMetrics().getAvailablePermissions() <= 0) {
      return false;
    }
    return rateLimiter.acquirePermission();
  }

  /**
   * Settles a grant once its requests are claimed: spends a rate permit per claimed request
   * (waiting at most one rate period, should status reads have spent them meanwhile) and gives back
   * the other permits of a grant that found fewer due requests than it allowed.
   */
  void settle(Grant grant, int claimed) {
    if (claimed > 0 && !rateLimiter.acquirePermission(claimed)) {
      LOG.debug("{}: {} calls go out without rate permits left", platform, claimed);
    }
    for (int i = claimed; i < grant.calls(); i++) {
      breaker.releasePermission();
      bulkhead.releasePermission();
    }
    if (grant.probe() && claimed == 0) {
      synchronized (pauseLock) {
        probeInFlight = false;
      }
    }
  }

  /** Records how one granted call went, and frees its slot. */
  void completed(SubmitOutcome outcome, Duration took, boolean probe) {
    try {
      if (outcome instanceof PartnerFailure.Transient retry) {
        breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new PartnerTrouble(retry.reason()));
        retry.hint().ifPresent(this::hold);
      } else if (outcome instanceof PartnerFailure.Unauthorized) {
        // the partner answered, so it is up: the breaker is not the tool for bad credentials
        breaker.releasePermission();
      } else {
        breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
      }
      updatePause(outcome instanceof PartnerFailure.Unauthorized, probe);
    } finally {
      bulkhead.onComplete();
    }
  }

  /** A call that ended without a partner answer to judge (the gateway itself failed). */
  void abandoned(boolean probe) {
    breaker.releasePermission();
    bulkhead.onComplete();
    if (probe) {
      synchronized (pauseLock) {
        probeInFlight = false;
      }
    }
  }

  private void updatePause(boolean unauthorized, boolean probe) {
    synchronized (pauseLock) {
      if (unauthorized) {
        if (!paused) {
          LOG.atError()
              .addKeyValue(LogFields.PLATFORM, platform.name())
              .log(
                  "{} refused the gateway's credentials: nothing is sent to it; a probe follows"
                      + " in {}",
                  platform,
                  unauthorizedPause);
        }
        paused = true;
        probeAtNanos = time.nanos() + unauthorizedPause.toNanos();
      } else if (probe && paused) {
        paused = false;
        LOG.atWarn()
            .addKeyValue(LogFields.PLATFORM, platform.name())
            .log("{} accepted the gateway's credentials again: sending resumes", platform);
      }
      if (probe) {
        probeInFlight = false;
      }
    }
  }

  /** The partner asked for quiet: no call to it starts before {@code delay} has passed. */
  private void hold(Duration delay) {
    long until = time.nanos() + delay.toNanos();
    synchronized (pauseLock) {
      if (until - holdUntilNanos > 0) {
        holdUntilNanos = until;
      }
    }
  }

  /**
   * An administrator vouches for the credentials (rotated, re-granted): sending resumes at once. If
   * they are still refused, the next answer pauses the partner again.
   */
  void resume() {
    synchronized (pauseLock) {
      if (paused) {
        LOG.atWarn()
            .addKeyValue(LogFields.PLATFORM, platform.name())
            .log("{} resumed by an administrator", platform);
      }
      paused = false;
      probeInFlight = false;
    }
  }

  /** Calls this instance may still start before one in flight ends (the bulkhead's). */
  int freeSlots() {
    return bulkhead.getMetrics().getAvailableConcurrentCalls();
  }

  boolean isPaused() {
    synchronized (pauseLock) {
      return paused;
    }
  }

  CircuitBreaker.State circuit() {
    return breaker.getState();
  }

  Optional<Duration> heldFor() {
    long remaining = holdUntilNanos - time.nanos();
    return remaining > 0 ? Optional.of(Duration.ofNanos(remaining)) : Optional.empty();
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  Bulkhead bulkhead() {
    return bulkhead;
  }

  /** What the breaker counts as a failure: the partner could not take the call. */
  private static final class PartnerTrouble extends RuntimeException {
    PartnerTrouble(String reason) {
      super(reason, null, false, false);
    }
  }
}
