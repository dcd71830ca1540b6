package org.takedown.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * How a partner answered a submission. Every answer, and every missing answer, is exactly one of
 * these; adapters never throw for a partner's answer.
 */
public sealed interface SubmitOutcome {

  /** The partner holds the request; {@code duplicate} when it already had it. */
  record Accepted(PartnerRef ref, boolean duplicate) implements SubmitOutcome {}

  /** The partner refused this request for good; retrying it unchanged is pointless. */
  record Rejected(String partnerCode, String reason) implements SubmitOutcome {}

  /**
   * Transient: throttled, unavailable, or the answer never arrived (timeout, reset). Retry with the
   * same reference; {@code hint} is the partner's own delay when it gave one.
   */
  record RetryLater(Optional<Duration> hint, String reason) implements SubmitOutcome {
    public static RetryLater withoutHint(String reason) {
      return new RetryLater(Optional.empty(), reason);
    }
  }

  /** The gateway's credentials for this partner are refused: stop sending to it, fail nothing. */
  record PartnerUnauthorized(String reason) implements SubmitOutcome {}
}
