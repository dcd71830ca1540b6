package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;
import org.takedown.testing.MutableClock;

class ClaimCursorTest {

  private final AtomicLong nanos = new AtomicLong(42);
  private final ClaimCursor cursor = new ClaimCursor(nanos::get);

  @Test
  void startsAtTheHeadOfTheOrder() {
    assertEquals(ClaimPosition.START, cursor.position());
  }

  @Test
  void aFullClaimMovesTheCursorToTheLastRequestItTook() {
    cursor.claimed(3, List.of(claimAt(5), claimAt(9), claimAt(7)));

    assertEquals(position(9), cursor.position());
  }

  @Test
  void aShortClaimSendsTheCursorBackToTheHead() {
    cursor.claimed(2, List.of(claimAt(5), claimAt(9)));
    cursor.claimed(2, List.of(claimAt(12)));

    assertEquals(ClaimPosition.START, cursor.position());
  }

  @Test
  void goesBackToTheHeadOnceRewindAfterHasPassedEvenWhileClaimsStayFull() {
    cursor.claimed(1, List.of(claimAt(5)));
    nanos.addAndGet(ClaimCursor.REWIND_AFTER.toNanos() - 1);
    cursor.claimed(1, List.of(claimAt(6)));
    assertEquals(position(6), cursor.position(), "not yet");

    nanos.addAndGet(1);
    assertEquals(ClaimPosition.START, cursor.position());

    cursor.claimed(1, List.of(claimAt(8)));
    nanos.addAndGet(ClaimCursor.REWIND_AFTER.toNanos() - 1);
    assertEquals(position(8), cursor.position(), "the period counts again from the head");
  }

  @Test
  void countsRewindAfterOnTheGatewaysClockAndNotBackwardsWhenItIsSetBack() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    ClaimCursor onTheClock = new ClaimCursor(clock);
    onTheClock.claimed(1, List.of(claimAt(5)));

    clock.advance(Duration.ofMinutes(-10));
    assertEquals(position(5), onTheClock.position());
    clock.advance(ClaimCursor.REWIND_AFTER.minusNanos(1));
    assertEquals(position(5), onTheClock.position(), "the step back counts as no time at all");

    clock.advance(Duration.ofNanos(1));
    assertEquals(ClaimPosition.START, onTheClock.position());
  }

  @Test
  void rewindGoesBackToTheHead() {
    cursor.claimed(1, List.of(claimAt(5)));
    cursor.rewind();

    assertEquals(ClaimPosition.START, cursor.position());
  }

  private static ClaimPosition position(long dueSecond) {
    Instant due = Instant.parse("2026-11-29T00:00:00Z").plusSeconds(dueSecond);
    return new ClaimPosition(due, due.minusSeconds(3600));
  }

  private static ClaimedRequest claimAt(long dueSecond) {
    UUID id = UUID.randomUUID();
    return new ClaimedRequest(
        UUID.randomUUID(),
        0,
        Instant.EPOCH,
        position(dueSecond),
        UUID.randomUUID(),
        new SubmitCommand(
            id,
            Action.TAKEDOWN,
            "https://www.facebook.com/x",
            Category.FRAUD,
            "law",
            "EIB-1",
            false,
            false,
            new Requester("n", "e@x.test", "u")));
  }
}
