package org.takedown.gateway.request;

import org.takedown.contracts.RequestStatus;

/**
 * The one mapping between the gateway's {@link RequestState} and the contract's {@link
 * RequestStatus}, used at the edges only: where answers and pages are built, and where query
 * parameters are read. Both switches are exhaustive and have no default, so a constant added on
 * either side is a compile error here rather than a runtime failure elsewhere.
 */
public final class RequestStates {

  private RequestStates() {}

  /** How the contract says {@code state}. */
  public static RequestStatus toContract(RequestState state) {
    return switch (state) {
      case PENDING -> RequestStatus.PENDING;
      case SUBMITTED -> RequestStatus.SUBMITTED;
      case IN_REVIEW -> RequestStatus.IN_REVIEW;
      case COMPLETED -> RequestStatus.COMPLETED;
      case FAILED -> RequestStatus.FAILED;
      case CANCELLED -> RequestStatus.CANCELLED;
      case EXPIRED -> RequestStatus.EXPIRED;
    };
  }

  /** The gateway's state that the contract's {@code status} names. */
  public static RequestState fromContract(RequestStatus status) {
    return switch (status) {
      case PENDING -> RequestState.PENDING;
      case SUBMITTED -> RequestState.SUBMITTED;
      case IN_REVIEW -> RequestState.IN_REVIEW;
      case COMPLETED -> RequestState.COMPLETED;
      case FAILED -> RequestState.FAILED;
      case CANCELLED -> RequestState.CANCELLED;
      case EXPIRED -> RequestState.EXPIRED;
    };
  }
}
