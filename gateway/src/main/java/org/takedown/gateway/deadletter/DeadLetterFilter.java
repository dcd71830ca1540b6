package org.takedown.gateway.deadletter;

import java.time.Instant;
import java.util.List;
import org.takedown.contracts.Platform;
import org.takedown.gateway.refusal.Violation;

/**
 * Which FAILED requests an admin means, in the listing and in a bulk retry alike, so that a dry run
 * counts exactly what the listing shows. A request failed at its {@code updated_at}: nothing
 * changes a FAILED request but a retry, which takes it out of the dead letter.
 *
 * @param platform null: every partner
 * @param failedFrom inclusive; null: no lower bound
 * @param failedTo exclusive; null: no upper bound
 */
public record DeadLetterFilter(Platform platform, Instant failedFrom, Instant failedTo) {

  public static final DeadLetterFilter EVERYTHING = new DeadLetterFilter(null, null, null);

  /** The filter, or a violation naming {@code failedTo} when the range holds no instant. */
  public static DeadLetterFilter of(
      Platform platform, Instant failedFrom, Instant failedTo, List<Violation> violations) {
    if (failedFrom != null && failedTo != null && !failedTo.isAfter(failedFrom)) {
      violations.add(
          new Violation("failedTo", "must be later than failedFrom (failedTo is exclusive)"));
    }
    return new DeadLetterFilter(platform, failedFrom, failedTo);
  }

  /** The same filter, narrowed to requests that failed before {@code instant}. */
  DeadLetterFilter failedBefore(Instant instant) {
    return failedTo != null && failedTo.isBefore(instant)
        ? this
        : new DeadLetterFilter(platform, failedFrom, instant);
  }
}
