package org.takedown.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How a partner answered a request to extend a preservation. */
public sealed interface ExtendOutcome {

  /** The partner now preserves the data until {@code preservedUntil}. */
  record Extended(Instant preservedUntil) implements ExtendOutcome {}

  /** The partner refused for good (unknown request, nothing preserved, no extension left). */
  record Rejected(String partnerCode, String reason) implements ExtendOutcome {}

  /** Transient, or the answer never arrived; asking again is safe. */
  record RetryLater(Optional<Duration> hint, String reason) implements ExtendOutcome {}

  /** The gateway's credentials for this partner are refused. */
  record PartnerUnauthorized(String reason) implements ExtendOutcome {}
}
