package org.takedown.adapters.google;

import java.time.Duration;
import java.util.Optional;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/**
 * Why a Google call produced no usable answer, classified once for submit, status and preservation
 * extension alike.
 */
sealed interface PartnerFailure {

  /** Short, names Google, the HTTP status and Google's error status; no token, no personal data. */
  String reason();

  SubmitOutcome toSubmitOutcome();

  StatusOutcome toStatusOutcome();

  ExtendOutcome toExtendOutcome();

  /** Google refused this request for good. */
  record Permanent(String code, String reason) implements PartnerFailure {
    @Override
    public SubmitOutcome toSubmitOutcome() {
      return new SubmitOutcome.Rejected(code, reason);
    }

    @Override
    public StatusOutcome toStatusOutcome() {
      return new StatusOutcome.Rejected(code, reason);
    }

    @Override
    public ExtendOutcome toExtendOutcome() {
      return new ExtendOutcome.Rejected(code, reason);
    }
  }

  /** Throttled, unavailable, or the answer never arrived or could not be read. */
  record Transient(Optional<Duration> hint, String reason) implements PartnerFailure {
    static Transient withoutHint(String reason) {
      return new Transient(Optional.empty(), reason);
    }

    @Override
    public SubmitOutcome toSubmitOutcome() {
      return new SubmitOutcome.RetryLater(hint, reason);
    }

    @Override
    public StatusOutcome toStatusOutcome() {
      return new StatusOutcome.RetryLater(hint, reason);
    }

    @Override
    public ExtendOutcome toExtendOutcome() {
      return new ExtendOutcome.RetryLater(hint, reason);
    }
  }

  /**
   * Google did not accept the access token (UNAUTHENTICATED). Worth one fresh token; if it reaches
   * the port anyway, the credentials are what failed.
   */
  record Unauthenticated(String reason) implements PartnerFailure {
    @Override
    public SubmitOutcome toSubmitOutcome() {
      return new SubmitOutcome.PartnerUnauthorized(reason);
    }

    @Override
    public StatusOutcome toStatusOutcome() {
      return new StatusOutcome.PartnerUnauthorized(reason);
    }

    @Override
    public ExtendOutcome toExtendOutcome() {
      return new ExtendOutcome.PartnerUnauthorized(reason);
    }
  }

  /** The service account is refused: stop sending to Google, fail nothing. */
  record Unauthorized(String reason) implements PartnerFailure {
    @Override
    public SubmitOutcome toSubmitOutcome() {
      return new SubmitOutcome.PartnerUnauthorized(reason);
    }

    @Override
    public StatusOutcome toStatusOutcome() {
      return new StatusOutcome.PartnerUnauthorized(reason);
    }

    @Override
    public ExtendOutcome toExtendOutcome() {
      return new ExtendOutcome.PartnerUnauthorized(reason);
    }
  }
}
