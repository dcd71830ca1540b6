package org.takedown.gateway.actions;

import java.util.UUID;
import org.takedown.gateway.refusal.Refusal;

/**
 * What one action of a bulk action ({@link OfficerActions#actOnEach}) did to one request.
 *
 * @param refusal why it was refused, for {@link Kind#REFUSED}; else null
 * @param failure the type of the unexpected error (its log line has the rest), for {@link
 *     Kind#FAILED}; else null
 */
public record ActionResult(UUID requestId, Kind kind, Refusal refusal, String failure) {

  /** How it went. */
  public enum Kind {
    /** Done and committed. */
    DONE,
    /** Refused (not allowed in its state, unknown, the partner said no); nothing changed. */
    REFUSED,
    /** An unexpected error (the database went away); the gateway committed nothing of it. */
    FAILED,
    /** Not tried: an unexpected error stopped the bulk action before this request. */
    NOT_ATTEMPTED
  }

  static ActionResult done(UUID id) {
    return new ActionResult(id, Kind.DONE, null, null);
  }

  static ActionResult refused(UUID id, Refusal refusal) {
    return new ActionResult(id, Kind.REFUSED, refusal, null);
  }

  static ActionResult failed(UUID id, String failure) {
    return new ActionResult(id, Kind.FAILED, null, failure);
  }

  static ActionResult notAttempted(UUID id) {
    return new ActionResult(id, Kind.NOT_ATTEMPTED, null, null);
  }

  public boolean done() {
    return kind == Kind.DONE;
  }
}
