package org.takedown.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where one lane's claims have got to in the claim order, so that its next claim starts there
 * rather than at the head of the queue.
 *
 * <p>Why: a request leaves the claim index ({@code request_dispatch_order}, PENDING only) when it
 * is sent, but its entry stays in the index until VACUUM removes it, and the sent requests are the
 * ones at the head of the order. Every claim from the head walks past all the requests sent since
 * the last VACUUM: measured 30,000 entries and 0.7-1 ms per claim after 30,000 requests,
 * PostgreSQL's largest cost while a backlog drains. From the cursor, a claim reads the few entries
 * it takes.
 *
 * <p>A request can become due behind the cursor: a retry whose backoff ended (it keeps its early
 * {@code due_at}), an urgent request whose deadline is earlier than the backlog's, a lease that
 * expired. The cursor therefore goes back to the head whenever nothing more is due beyond it (the
 * claim then looks from the head for the rest, see {@link DispatchDueRequests#claim}) and at least
 * every {@link #REWIND_AFTER}: such a request waits at most that long longer than it would have,
 * and only while a backlog keeps the lane busy. That period counts on the gateway's {@link Clock}
 * ({@link ForwardTime}), the time by which leases expire and retries become due: a test that moves
 * the clock past a lease or a backoff moves the cursor's period with it.
 *
 * <p>Used by one lane's claim loop only; not thread-safe.
 */
final class ClaimCursor {

  static final Duration REWIND_AFTER = Duration.ofSeconds(1);

  private final LongSupplier nanoTime;
  private ClaimPosition position = ClaimPosition.START;
  private long rewindAtNanos;

  ClaimCursor(Clock clock) {
    this(new ForwardTime(clock)::nanos);
  }

  /** With {@code nanoTime} as its time, which only moves forward. */
  ClaimCursor(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Where the next claim starts. */
  ClaimPosition position() {
    if (position != ClaimPosition.START && nanoTime.getAsLong() - rewindAtNanos >= 0) {
      position = ClaimPosition.START;
    }
    return position;
  }

  /** Back to the head of the order. */
  void rewind() {
    position = ClaimPosition.START;
  }

  /**
   * Moves to the last of the {@code claimed} requests, or back to the head if there were fewer than
   * {@code asked}.
   */
  void claimed(int asked, List<ClaimedRequest> claimed) {
    if (claimed.size() < asked) {
      position = ClaimPosition.START;
      return;
    }
    if (position == ClaimPosition.START) {
      rewindAtNanos = nanoTime.getAsLong() + REWIND_AFTER.toNanos();
    }
    for (ClaimedRequest claim : claimed) {
      if (claim.position().compareTo(position) > 0) {
        position = claim.position();
      }
    }
  }
}
