package org.takedown.gateway.request;

import java.util.Optional;

/**
 * The one mapping between {@link RequestState} and the text the database stores for it ({@code
 * takedown_request.status}, {@code request_history.from_status} and {@code to_status}). The stored
 * words are fixed by the data already written: renaming a state must not change them. SQL text that
 * names a state literally ({@code status = 'FAILED'}) uses the same words.
 */
public final class StateColumn {

  private StateColumn() {}

  /** The stored text of {@code state}. */
  public static String text(RequestState state) {
    return switch (state) {
      case PENDING -> "PENDING";
      case SUBMITTED -> "SUBMITTED";
      case IN_REVIEW -> "IN_REVIEW";
      case COMPLETED -> "COMPLETED";
      case FAILED -> "FAILED";
      case CANCELLED -> "CANCELLED";
      case EXPIRED -> "EXPIRED";
    };
  }

  /** The stored text of {@code state} as an SQL string literal: {@code 'PENDING'}. */
  public static String literal(RequestState state) {
    return "'" + text(state) + "'";
  }

  /**
   * The state stored as {@code text}.
   *
   * @throws IllegalStateException for a text this build does not know
   */
  public static RequestState state(String text) {
    return find(text)
        .orElseThrow(() -> new IllegalStateException("unknown stored request state: " + text));
  }

  /** The state stored as {@code text}; empty for a text this build does not know. */
  public static Optional<RequestState> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (text) {
          case "PENDING" -> RequestState.PENDING;
          case "SUBMITTED" -> RequestState.SUBMITTED;
          case "IN_REVIEW" -> RequestState.IN_REVIEW;
          case "COMPLETED" -> RequestState.COMPLETED;
          case "FAILED" -> RequestState.FAILED;
          case "CANCELLED" -> RequestState.CANCELLED;
          case "EXPIRED" -> RequestState.EXPIRED;
          default -> null;
        });
  }
}
