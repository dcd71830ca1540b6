package org.takedown.adapters.meta;

import java.time.Duration;
import java.util.Optional;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/**
 * A Graph call that did not succeed, already classified; the same classification serves submits,
 * status reads and preservation extensions.
 */
record GraphFailure(Kind kind, String partnerCode, Optional<Duration> hint, String reason) {

  enum Kind {
    /** Permanent for this request. */
    REJECTED,
    /** Transient, or the answer never arrived. */
    RETRY_LATER,
    /** Meta refuses the gateway's credentials. */
    UNAUTHORIZED
  }

  static GraphFailure rejected(String partnerCode, String reason) {
    return new GraphFailure(Kind.REJECTED, partnerCode, Optional.empty(), reason);
  }

  static GraphFailure retryLater(Optional<Duration> hint, String reason) {
    return new GraphFailure(Kind.RETRY_LATER, null, hint, reason);
  }

  static GraphFailure retryLater(String reason) {
    return retryLater(Optional.empty(), reason);
  }

  static GraphFailure unauthorized(String reason) {
    return new GraphFailure(Kind.UNAUTHORIZED, null, Optional.empty(), reason);
  }

  SubmitOutcome toSubmitOutcome() {
    return switch (kind) {
      case REJECTED -> new SubmitOutcome.Rejected(partnerCode, reason);
      case RETRY_LATER -> new SubmitOutcome.RetryLater(hint, reason);
      case UNAUTHORIZED -> new SubmitOutcome.PartnerUnauthorized(reason);
    };
  }

  StatusOutcome toStatusOutcome() {
    return switch (kind) {
      case REJECTED -> new StatusOutcome.Rejected(partnerCode, reason);
      case RETRY_LATER -> new StatusOutcome.RetryLater(hint, reason);
      case UNAUTHORIZED -> new StatusOutcome.PartnerUnauthorized(reason);
    };
  }

  ExtendOutcome toExtendOutcome() {
    return switch (kind) {
      case REJECTED -> new ExtendOutcome.Rejected(partnerCode, reason);
      case RETRY_LATER -> new ExtendOutcome.RetryLater(hint, reason);
      case UNAUTHORIZED -> new ExtendOutcome.PartnerUnauthorized(reason);
    };
  }
}
