package org.takedown.gateway.dispatch;

import java.time.Instant;
import java.util.Comparator;

/** A place in the claim order: PENDING requests are claimed by {@code due_at, next_attempt_at}. */
record ClaimPosition(Instant dueAt, Instant nextAttemptAt) implements Comparable<ClaimPosition> {

  /** Before every request: no request is due before 1970. */
  static final ClaimPosition START = new ClaimPosition(Instant.EPOCH, Instant.EPOCH);

  private static final Comparator<ClaimPosition> ORDER =
      Comparator.comparing(ClaimPosition::dueAt).thenComparing(ClaimPosition::nextAttemptAt);

  @Override
  public int compareTo(ClaimPosition other) {
    return ORDER.compare(this, other);
  }
}
