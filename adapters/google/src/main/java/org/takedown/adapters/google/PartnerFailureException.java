package org.takedown.adapters.google;

/** Carries a {@link PartnerFailure} out of a Google call to the adapter that maps it. */
final class PartnerFailureException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient PartnerFailure failure;

  PartnerFailureException(PartnerFailure failure) {
    // No stack trace: this is an expected answer, not a bug, and it is thrown on every error.
    super(failure.reason(), null, false, false);
    this.failure = failure;
  }

  PartnerFailure failure() {
    return failure;
  }
}
