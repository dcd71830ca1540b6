package org.takedown.gateway.request;

import java.util.EnumSet;
import java.util.Set;
import org.takedown.contracts.RequestStatus;

/**
 * The request state machine's fixed facts. Open requests still await the partner; terminal ones are
 * done (an officer may still retry a FAILED one).
 */
public final class Lifecycle {

  public static final Set<RequestStatus> OPEN =
      EnumSet.of(RequestStatus.PENDING, RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW);

  public static final Set<RequestStatus> TERMINAL = EnumSet.complementOf(EnumSet.copyOf(OPEN));

  private Lifecycle() {}

  public static boolean isTerminal(RequestStatus status) {
    return TERMINAL.contains(status);
  }

  /**
   * How far along a state is. A partner update may only raise it; equal or lower is a duplicate or
   * a stale update. EXPIRED follows COMPLETED (a preservation that lapsed).
   */
  public static int rank(RequestStatus status) {
    return switch (status) {
      case PENDING -> 0;
      case SUBMITTED -> 1;
      case IN_REVIEW -> 2;
      case COMPLETED, FAILED, CANCELLED -> 3;
      case EXPIRED -> 4;
    };
  }
}
