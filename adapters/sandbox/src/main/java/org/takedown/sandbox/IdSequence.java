package org.takedown.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numeric partner ids in {@code [low, high)}, unique for the life of a simulator. The sequence
 * starts at a random point of the lower half, so that ids of two sandbox runs rarely meet in a
 * gateway database that outlived the first run.
 */
final class IdSequence {

  private final AtomicLong last;
  private final long high;

  IdSequence(long low, long high) {
    if (low < 0 || high <= low + 1) {
      throw new IllegalArgumentException("empty id range [" + low + ", " + high + ")");
    }
    this.high = high;
    this.last = new AtomicLong(low - 1 + RandomText.below((high - low) / 2));
  }

  String next() {
    long id = last.incrementAndGet();
    if (id >= high) {
      throw new IllegalStateException("the id range ending at " + high + " is exhausted");
    }
    return Long.toString(id);
  }
}
