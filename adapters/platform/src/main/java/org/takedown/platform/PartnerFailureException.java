package org.takedown.platform;

import java.util.Objects;

/**
 * Carries a classified {@link PartnerFailure} inside an adapter, from the place that understood the
 * partner's answer (its HTTP wrapper, its token source, its error classifier) up to the adapter's
 * port method, which returns the failure as its outcome. It never crosses the port: port methods
 * never throw for a partner's answer.
 */
public final class PartnerFailureException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient PartnerFailure failure;

  public PartnerFailureException(PartnerFailure failure) {
    this(failure, null);
  }

  /**
   * @param cause the I/O error behind an {@link PartnerFailure.UnknownOutcome}, kept for debugging
   */
  public PartnerFailureException(PartnerFailure failure, Throwable cause) {
    // No stack trace: this is a classified answer, not a bug, and it is thrown on every error.
    super(Objects.requireNonNull(failure, "failure").reason(), cause, false, false);
    this.failure = failure;
  }

  public PartnerFailure failure() {
    return failure;
  }
}
