package org.takedown.platform;

/**
 * How a partner answered a status read: where the request stands, or one of the port's {@link
 * PartnerFailure}s ({@link PartnerFailure.Rejected} when the partner does not know the reference).
 */
public sealed interface StatusOutcome permits StatusOutcome.Known, PartnerFailure {

  /** The partner reported where the request stands. */
  record Known(PartnerUpdate update) implements StatusOutcome {}
}
