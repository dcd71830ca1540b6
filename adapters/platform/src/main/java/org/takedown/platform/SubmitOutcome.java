package org.takedown.platform;

/**
 * How a partner answered a submission: it holds the request, or one of the port's {@link
 * PartnerFailure}s. Every answer, and every missing answer, is exactly one of these; adapters never
 * throw for a partner's answer.
 */
public sealed interface SubmitOutcome permits SubmitOutcome.Accepted, PartnerFailure {

  /** The partner holds the request; {@code duplicate} when it already had it. */
  record Accepted(PartnerRef ref, boolean duplicate) implements SubmitOutcome {}
}
