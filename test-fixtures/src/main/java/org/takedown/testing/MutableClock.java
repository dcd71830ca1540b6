package org.takedown.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so that token expiries, leases, holds and deadlines pass without
 * waiting. It stands still until {@link #advance} moves it; safe to read and move from any thread.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start}, in UTC. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock, and every clock {@link #withZone} made from it, by {@code step}: forward, or
   * back as a correction of the system clock does.
   */
  public void advance(Duration step) {
    now.updateAndGet(instant -> instant.plus(step));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time seen from {@code zone}: advancing either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }
}
