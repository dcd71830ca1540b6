package org.takedown.gateway.custody.verify;

/**
 * What does not verify, with the facts: the message starts with what failed ({@code entry 5:},
 * {@code checkpoint:}, {@code consistency:}, {@code bundle:}) so that an auditor reads at once
 * which entry or file to look at.
 */
public final class VerificationFailure extends Exception {

  private final Long entry;

  private VerificationFailure(Long entry, String message) {
    super(message);
    this.entry = entry;
  }

  /** The entry at {@code index} does not verify. */
  static VerificationFailure entry(long index, String why) {
    return new VerificationFailure(index, "entry " + index + ": " + why);
  }

  /** A checkpoint (the bundle's, or the one obtained earlier) does not verify. */
  static VerificationFailure checkpoint(String which, String why) {
    return new VerificationFailure(null, which + ": " + why);
  }

  /** The two checkpoints are not of one append-only log. */
  static VerificationFailure consistency(String why) {
    return new VerificationFailure(null, "consistency: " + why);
  }

  /** The bundle is not laid out as the gateway makes it. */
  static VerificationFailure bundle(String why) {
    return new VerificationFailure(null, "bundle: " + why);
  }

  /** The index of the entry that failed; null when the failure is not one entry's. */
  public Long entry() {
    return entry;
  }
}
