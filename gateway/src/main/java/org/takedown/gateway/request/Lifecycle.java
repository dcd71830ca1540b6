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
}
