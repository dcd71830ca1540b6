package org.takedown.gateway.refusal;

/**
 * Why the gateway refuses a call, in domain terms. Core code throws these; the web edge turns each
 * kind into one RFC 9457 problem type. Messages are safe to show to the caller.
 */
public abstract sealed class Refusal extends RuntimeException
    permits InvalidInput,
        MalformedJson,
        NotFound,
        DuplicateCase,
        IdempotencyKeyReused,
        StateConflict,
        UnverifiedCallback,
        PartnerUnavailable,
        UnsupportedMediaType {

  protected Refusal(String message) {
    super(message, null, false, false);
  }
}
