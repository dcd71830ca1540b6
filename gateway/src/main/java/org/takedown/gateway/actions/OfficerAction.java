package org.takedown.gateway.actions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/**
 * What a liaison officer can do to a request, and in which states: the one place of that rule. The
 * use case ({@link OfficerActions}) checks it under the row lock; the console asks it which forms
 * to offer.
 */
public enum OfficerAction {
  /** FAILED → PENDING, attempts reset. */
  RETRY("retry", "only a FAILED request can be retried"),
  /** PENDING, SUBMITTED or IN_REVIEW → CANCELLED. */
  CANCEL("cancel", "only an open request can be cancelled"),
  /** COMPLETED/PRESERVED stays so, with a later {@code preservedUntil}. */
  EXTEND_PRESERVATION("extend-preservation", "only a COMPLETED/PRESERVED request can be extended");

  private final String wireName;
  private final String rule;

  OfficerAction(String wireName, String rule) {
    this.wireName = wireName;
    this.rule = rule;
  }

  /**
   * The action's name in the API's paths ({@code POST /api/v1/requests/{id}/<name>}), in the
   * console's and in the chain of custody's {@code officer.action} entries.
   */
  public String wireName() {
    return wireName;
  }

  /** The rule as the 409's detail says it: {@code only a FAILED request can be retried}. */
  public String rule() {
    return rule;
  }

  /** The action named {@code wireName}, if there is one. */
  public static Optional<OfficerAction> ofWireName(String wireName) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(wireName)).findFirst();
  }

  /**
   * Whether a request in {@code status} (with {@code outcome}, null while it has none) allows it.
   */
  public boolean allowedFor(RequestState status, Outcome outcome) {
    return switch (this) {
      case RETRY -> status == RequestState.FAILED;
      case CANCEL -> status.isOpen();
      case EXTEND_PRESERVATION -> status == RequestState.COMPLETED && outcome == Outcome.PRESERVED;
    };
  }

  /** The actions a request in {@code status} with {@code outcome} allows, in this enum's order. */
  public static List<OfficerAction> allowing(RequestState status, Outcome outcome) {
    return Arrays.stream(values()).filter(a -> a.allowedFor(status, outcome)).toList();
  }
}
