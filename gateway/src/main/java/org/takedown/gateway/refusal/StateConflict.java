package org.takedown.gateway.refusal;

import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/** The action is not allowed in the request's current state. */
public final class StateConflict extends Refusal {

  private final RequestState status;
  private final Outcome outcome;

  public StateConflict(String message) {
    this(message, null, null);
  }

  /**
   * @param status the state the request was in when the action was refused
   * @param outcome its outcome then, null while it had none
   */
  public StateConflict(String message, RequestState status, Outcome outcome) {
    super(message);
    this.status = status;
    this.outcome = outcome;
  }

  /** The state the request was in; null when the refusal is not about one request's state. */
  public RequestState status() {
    return status;
  }

  /** The request's outcome then; null when it had none. */
  public Outcome outcome() {
    return outcome;
  }
}
