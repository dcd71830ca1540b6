package org.takedown.gateway.request;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request stands in the gateway's state machine: the gateway's own type, apart from the
 * contract's {@code RequestStatus} that clients see ({@link RequestStates} maps between the two at
 * the edges; {@link StateColumn} between this and the database's text).
 *
 * <p>States only move forward: PENDING → SUBMITTED → IN_REVIEW → COMPLETED, and COMPLETED → EXPIRED
 * when a preservation lapses. Open states still await the partner; terminal ones are done (an
 * officer may still retry a FAILED one).
 */
public enum RequestState {
  PENDING,
  SUBMITTED,
  IN_REVIEW,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED;

  /** The states that still await the partner, in this enum's order. */
  public static final Set<RequestState> OPEN =
      Collections.unmodifiableSet(EnumSet.of(PENDING, SUBMITTED, IN_REVIEW));

  /** Whether the request still awaits the partner (and an officer may cancel it). */
  public boolean isOpen() {
    return switch (this) {
      case PENDING, SUBMITTED, IN_REVIEW -> true;
      case COMPLETED, FAILED, CANCELLED, EXPIRED -> false;
    };
  }

  /** Whether the request is done; an officer may still retry a FAILED one. */
  public boolean isTerminal() {
    return !isOpen();
  }

  /**
   * How far along the state is. A partner update may only raise it; equal or lower is a duplicate
   * or a stale update. EXPIRED follows COMPLETED (a preservation that lapsed).
   */
  public int rank() {
    return switch (this) {
      case PENDING -> 0;
      case SUBMITTED -> 1;
      case IN_REVIEW -> 2;
      case COMPLETED, FAILED, CANCELLED -> 3;
      case EXPIRED -> 4;
    };
  }
}
