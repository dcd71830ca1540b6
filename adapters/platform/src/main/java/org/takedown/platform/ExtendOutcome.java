package org.takedown.platform;

import java.time.Instant;

/**
 * How a partner answered a request to extend a preservation: extended, or one of the port's {@link
 * PartnerFailure}s ({@link PartnerFailure.Rejected} for an unknown request, nothing preserved, or
 * no extension left).
 */
public sealed interface ExtendOutcome permits ExtendOutcome.Extended, PartnerFailure {

  /** The partner now preserves the data until {@code preservedUntil}. */
  record Extended(Instant preservedUntil) implements ExtendOutcome {}
}
