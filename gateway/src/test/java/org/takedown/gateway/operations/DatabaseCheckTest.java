package org.takedown.gateway.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.takedown.testing.MutableClock;

/**
 * How long {@code /health} reuses a database check: its time moves only when a test says, and the
 * checks run on the caller's thread, so that each answer is known when {@code up()} returns.
 */
class DatabaseCheckTest {

  private static final Duration REUSE = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private final DatabaseCheck check =
      new DatabaseCheck(
          () -> {
            checks.incrementAndGet();
            return databaseUp.get();
          },
          Runnable::run,
          Duration.ofSeconds(2),
          REUSE,
          clock);

  @Test
  void reusesAResultUntilItsReuseTimeHasPassedByTheClock() {
    assertTrue(up());
    databaseUp.set(false);
    clock.advance(REUSE.minusNanos(1));

    assertTrue(up(), "the check of a moment ago still stands");
    assertEquals(1, checks.get());

    clock.advance(Duration.ofNanos(1));
    assertFalse(up(), "checked again once the reuse time has passed");
    assertEquals(2, checks.get());
  }

  @Test
  void checksAgainWhenTheClockWasSetBackRatherThanReuseAResultFromTheFuture() {
    assertTrue(up());
    databaseUp.set(false);

    clock.advance(Duration.ofHours(-1));

    assertFalse(up(), "not an hour of the old answer");
    assertEquals(2, checks.get());
    assertFalse(up(), "reused as usual from there");
    assertEquals(2, checks.get());
  }

  @Test
  void aCheckStillRunningIsSharedHoweverLongItTakes() {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    DatabaseCheck slow =
        new DatabaseCheck(
            () -> {
              started.incrementAndGet();
              return answer.join();
            },
            runnable -> new Thread(runnable).start(),
            Duration.ofSeconds(2),
            REUSE,
            clock);

    CompletableFuture<Boolean> first = slow.up();
    clock.advance(REUSE.multipliedBy(10));
    CompletableFuture<Boolean> second = slow.up();
    answer.complete(true);

    assertTrue(first.join());
    assertTrue(second.join());
    assertEquals(1, started.get());
  }

  private boolean up() {
    return check.up().join();
  }
}
