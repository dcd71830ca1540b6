package org.takedown.adapters.tiktok;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/**
 * A TikTok call that did not give the adapter what it asked for, already classified. It travels
 * from the place that understands the answer (token endpoint, envelope) up to the adapter, which
 * turns it into the port's outcome; it never leaves the adapter.
 */
final class TikTokFailure extends RuntimeException {

  private enum Kind {
    REJECTED,
    RETRY_LATER,
    UNAUTHORIZED
  }

  private final Kind kind;
  private final String partnerCode;
  private final Optional<Duration> hint;

  private TikTokFailure(
      Kind kind, String partnerCode, Optional<Duration> hint, String reason, Throwable cause) {
    // No stack trace: this is a classified answer, not a bug; the cause stays for debugging.
    super(reason, cause, false, false);
    this.kind = kind;
    this.partnerCode = partnerCode;
    this.hint = hint;
  }

  /** TikTok refused the request for good. */
  static TikTokFailure rejected(String partnerCode, String reason) {
    return new TikTokFailure(
        Kind.REJECTED, Objects.requireNonNull(partnerCode), Optional.empty(), reason, null);
  }

  /** Transient: throttled, unavailable, or no usable answer arrived. */
  static TikTokFailure retryLater(Optional<Duration> hint, String reason) {
    return new TikTokFailure(Kind.RETRY_LATER, null, hint, reason, null);
  }

  /** The answer never arrived or could not be read, so whether TikTok acted is unknown. */
  static TikTokFailure answerUnknown(String reason, Throwable cause) {
    return new TikTokFailure(Kind.RETRY_LATER, null, Optional.empty(), reason, cause);
  }

  /** TikTok refuses the gateway's credentials. */
  static TikTokFailure unauthorized(String reason) {
    return new TikTokFailure(Kind.UNAUTHORIZED, null, Optional.empty(), reason, null);
  }

  boolean isRejection() {
    return kind == Kind.REJECTED;
  }

  SubmitOutcome toSubmitOutcome() {
    switch (kind) {
      case REJECTED:
        return new SubmitOutcome.Rejected(partnerCode, getMessage());
      case UNAUTHORIZED:
        return new SubmitOutcome.PartnerUnauthorized(getMessage());
      default:
        return new SubmitOutcome.RetryLater(hint, getMessage());
    }
  }

  StatusOutcome toStatusOutcome() {
    switch (kind) {
      case REJECTED:
        return new StatusOutcome.Rejected(partnerCode, getMessage());
      case UNAUTHORIZED:
        return new StatusOutcome.PartnerUnauthorized(getMessage());
      default:
        return new StatusOutcome.RetryLater(hint, getMessage());
    }
  }

  ExtendOutcome toExtendOutcome() {
    switch (kind) {
      case REJECTED:
        return new ExtendOutcome.Rejected(partnerCode, getMessage());
      case UNAUTHORIZED:
        return new ExtendOutcome.PartnerUnauthorized(getMessage());
      default:
        return new ExtendOutcome.RetryLater(hint, getMessage());
    }
  }
}
