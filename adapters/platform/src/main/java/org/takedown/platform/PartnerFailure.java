package org.takedown.platform;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a partner call gave the gateway no answer it can use: the one failure vocabulary of every
 * partner, owned by the port. A failure is an outcome of every port call ({@link SubmitOutcome},
 * {@link StatusOutcome}, {@link ExtendOutcome} each hold these cases), so an adapter classifies a
 * partner's answer once and returns the same failure from a submit, a status read or an extension.
 *
 * <p>{@link #reason()} is short and quotable in a log ({@link PartnerText}): it names the partner,
 * the HTTP status and the partner's code, never a token, a message text or personal data.
 */
public sealed interface PartnerFailure extends SubmitOutcome, StatusOutcome, ExtendOutcome
    permits PartnerFailure.Rejected, PartnerFailure.Transient, PartnerFailure.Unauthorized {

  String reason();

  /**
   * The partner refused this request (or reference) for good; asking again unchanged is pointless.
   *
   * @param partnerCode the partner's word for why ({@code invalid_params}, {@code
   *     INVALID_ARGUMENT}, {@code 100}), or {@code HTTP_400}-like when it gave none
   */
  record Rejected(String partnerCode, String reason) implements PartnerFailure {}

  /**
   * Asking again later is safe and worth it: the partner said so ({@link RetryLater}), or its
   * answer never arrived and what it did is unknown ({@link UnknownOutcome}). A submit is retried
   * with the same reference, which the partner deduplicates on.
   */
  sealed interface Transient extends PartnerFailure permits RetryLater, UnknownOutcome {

    /** The partner's own delay before asking again, when it gave one. */
    Optional<Duration> hint();
  }

  /** Throttled, unavailable, or an answer the adapter cannot act on yet: ask again later. */
  record RetryLater(Optional<Duration> hint, String reason) implements Transient {

    public RetryLater {
      Objects.requireNonNull(hint, "hint");
    }

    public static RetryLater withoutHint(String reason) {
      return new RetryLater(Optional.empty(), reason);
    }
  }

  /**
   * No usable answer arrived (refused, reset, timed out, cut off, or a success that cannot be
   * read): the partner may or may not have acted. Asking again with the same reference finds out.
   */
  record UnknownOutcome(String reason) implements Transient {

    @Override
    public Optional<Duration> hint() {
      return Optional.empty();
    }
  }

  /** The partner refuses the gateway's credentials: stop sending to it, fail no request. */
  record Unauthorized(String reason) implements PartnerFailure {}
}
