package org.takedown.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Nanoseconds the gateway's {@link Clock} has moved forward since this began, as {@link
 * System#nanoTime} but read from that clock, so that a test moves it by hand: a step back of the
 * system clock (a correction) is skipped, not followed, and the count goes on from there. Waits
 * measured in it never grow longer because the clock was set back.
 */
final class ForwardTime {

  private final Clock clock;
  private Instant last;
  private long nanos;

  ForwardTime(Clock clock) {
    this.clock = clock;
    this.last = clock.instant();
  }

  synchronized long nanos() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      nanos += Duration.between(last, now).toNanos();
    }
    last = now;
    return nanos;
  }
}
