package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;
import org.takedown.testing.MutableClock;

/** What a partner's budget lets through, call by call; its time moves only when a test says. */
class PartnerBudgetTest {

  private static final SubmitOutcome ACCEPTED =
      new SubmitOutcome.Accepted(PartnerRef.of("178400"), false);
  private static final SubmitOutcome DOWN = PartnerFailure.RetryLater.withoutHint("HTTP 503");
  private static final SubmitOutcome REFUSED_CREDENTIALS =
      new PartnerFailure.Unauthorized("code 190");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

  private PartnerBudget budget(int concurrency, int rateLimit, Duration pause) {
    return new PartnerBudget(
        Platform.META,
        new PartnerLimits(
            concurrency,
            rateLimit,
            Duration.ofSeconds(10),
            50,
            100,
            Duration.ofSeconds(8),
            4,
            4,
            Duration.ofSeconds(60),
            1),
        pause,
        clock);
  }

  @Test
  void grantsNoMoreCallsThanItsBulkheadAndGivesUnusedOnesBack() {
    PartnerBudget budget = budget(4, 100, Duration.ofMinutes(1));

    PartnerBudget.Grant first = budget.reserve(10);
    assertEquals(4, first.calls());
    assertEquals(0, budget.reserve(10).calls(), "all four slots are taken");

    budget.settle(first, 1);
    assertEquals(3, budget.reserve(10).calls(), "three claims found no request");
  }

  @Test
  void grantsNoMoreCallsThanItsRateLimitPerPeriod() {
    PartnerBudget budget = budget(4, 3, Duration.ofMinutes(1));

    PartnerBudget.Grant idle = budget.reserve(4);
    assertEquals(3, idle.calls());
    budget.settle(idle, 0);
    assertEquals(3, budget.reserve(4).calls(), "a grant that claimed nothing spent no permit");

    PartnerBudget busy = budget(4, 3, Duration.ofMinutes(1));
    PartnerBudget.Grant grant = busy.reserve(4);
    busy.settle(grant, 3);
    for (int i = 0; i < grant.calls(); i++) {
      busy.completed(ACCEPTED, Duration.ofMillis(5), false);
    }
    assertEquals(0, busy.reserve(4).calls(), "the period's permits are spent");
    assertFalse(busy.tryStatusCall(), "status reads spend the same permits");
  }

  @Test
  void anOpenBreakerRefusesDeliveriesAndStatusReads() {
    PartnerBudget budget = budget(4, 100, Duration.ofMinutes(1));
    PartnerBudget.Grant grant = budget.reserve(4);
    for (int i = 0; i < grant.calls(); i++) {
      budget.completed(DOWN, Duration.ofMillis(5), false);
    }

    assertEquals(CircuitBreaker.State.OPEN, budget.circuit());
    assertEquals(0, budget.reserve(4).calls());
    assertFalse(budget.tryStatusCall());
  }

  @Test
  void grantsTheRatePermitsAgainOnceThePeriodHasPassed() {
    PartnerBudget budget = budget(4, 3, Duration.ofMinutes(1));
    PartnerBudget.Grant grant = budget.reserve(4);
    budget.settle(grant, 3);
    for (int i = 0; i < grant.calls(); i++) {
      budget.completed(ACCEPTED, Duration.ofMillis(5), false);
    }

    clock.advance(Duration.ofSeconds(9));
    assertEquals(0, budget.reserve(4).calls(), "still within the 10 s period");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(3, budget.reserve(4).calls(), "a new period");
  }

  @Test
  void anOpenBreakerLetsAProbeThroughOnceItsOpenWaitHasPassed() {
    PartnerBudget budget = budget(4, 100, Duration.ofMinutes(1));
    PartnerBudget.Grant grant = budget.reserve(4);
    for (int i = 0; i < grant.calls(); i++) {
      budget.completed(DOWN, Duration.ofMillis(5), false);
    }

    clock.advance(Duration.ofSeconds(60));
    assertEquals(0, budget.reserve(4).calls(), "open for 60 s");
    clock.advance(Duration.ofMillis(1));
    PartnerBudget.Grant probe = budget.reserve(4);
    assertEquals(1, probe.calls(), "one half-open call");
    assertEquals(CircuitBreaker.State.HALF_OPEN, budget.circuit());

    budget.settle(probe, 1);
    budget.completed(ACCEPTED, Duration.ofMillis(5), false);
    assertEquals(CircuitBreaker.State.CLOSED, budget.circuit());
  }

  /** A budget whose one call was answered "retry after 30 s" (an HTTP 429), at the clock's now. */
  private PartnerBudget heldForThirtySeconds() {
    PartnerBudget budget = budget(4, 100, Duration.ofMinutes(1));
    budget.reserve(1);
    budget.completed(
        new PartnerFailure.RetryLater(Optional.of(Duration.ofSeconds(30)), "HTTP 429"),
        Duration.ofMillis(5),
        false);
    return budget;
  }

  @Test
  void aRetryHintHoldsEveryCallUntilItHasPassed() {
    PartnerBudget budget = heldForThirtySeconds();

    clock.advance(Duration.ofSeconds(29));
    assertEquals(0, budget.reserve(4).calls(), "held");
    assertFalse(budget.tryStatusCall(), "held for status reads too");
    assertEquals(Optional.of(Duration.ofSeconds(1)), budget.heldFor());

    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), budget.heldFor());
    assertEquals(4, budget.reserve(4).calls());
  }

  @Test
  void aSystemClockSetBackNeitherEndsNorLengthensAHold() {
    PartnerBudget budget = heldForThirtySeconds();
    clock.advance(Duration.ofSeconds(10));
    assertEquals(0, budget.reserve(4).calls(), "held");

    clock.advance(Duration.ofHours(-1)); // the system clock is corrected an hour back
    assertEquals(0, budget.reserve(4).calls(), "still held");
    clock.advance(Duration.ofSeconds(19));
    assertEquals(0, budget.reserve(4).calls(), "held for 29 s so far");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(4, budget.reserve(4).calls(), "30 s passed: not an hour more");
  }

  @Test
  void refusedCredentialsPauseThePartnerUntilOneProbeIsAccepted() {
    PartnerBudget budget = budget(4, 100, Duration.ofMinutes(1));
    budget.reserve(1);
    budget.completed(REFUSED_CREDENTIALS, Duration.ofMillis(5), false);

    assertTrue(budget.isPaused());
    clock.advance(Duration.ofSeconds(59));
    assertEquals(0, budget.reserve(4).calls(), "nothing before the pause has passed");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, budget.reserve(4).calls(), "the probe: one call only");
    assertEquals(0, budget.reserve(4).calls(), "and no second one while it is out");

    budget.completed(ACCEPTED, Duration.ofMillis(5), true);
    assertFalse(budget.isPaused(), "the probe got through");
    assertEquals(4, budget.reserve(4).calls(), "sending resumes in full");
    assertEquals(CircuitBreaker.State.CLOSED, budget.circuit(), "bad credentials never trip it");
  }

  @Test
  void anAdminResumeEndsAPauseAtOnce() {
    PartnerBudget budget = budget(4, 100, Duration.ofHours(1));
    budget.reserve(1);
    budget.completed(REFUSED_CREDENTIALS, Duration.ofMillis(5), false);
    assertTrue(budget.isPaused());

    budget.resume();

    assertFalse(budget.isPaused());
    assertEquals(4, budget.reserve(4).calls());
  }
}
