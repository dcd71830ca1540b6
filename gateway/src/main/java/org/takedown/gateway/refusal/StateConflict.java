package org.takedown.gateway.refusal;

/** The action is not allowed in the request's current state. */
public final class StateConflict extends Refusal {

  public StateConflict(String message) {
    super(message);
  }
}
