package org.takedown.gateway.refusal;

/** An Idempotency-Key already used with a different body. */
public final class IdempotencyKeyReused extends Refusal {

  public IdempotencyKeyReused() {
    super("this Idempotency-Key was already used with a different body");
  }
}
