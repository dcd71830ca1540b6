package org.takedown.gateway.console;

import java.util.UUID;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.Reason;

/**
 * The form of one action the request's state allows, on its page: a reason and a confirmation,
 * posted to {@code /console/requests/{id}/<action>}. Shown again with what was typed and the error
 * next to the field when the reason or the confirmation was missing or wrong.
 *
 * @param reason what the officer typed, shown again after an error; empty at first
 * @param reasonError the key of the reason's error message; null when none
 * @param confirmError the key of the confirmation's error message; null when none
 */
public record ActionForm(
    UUID requestId, OfficerAction action, String reason, String reasonError, String confirmError) {

  static ActionForm blank(UUID requestId, OfficerAction action) {
    return new ActionForm(requestId, action, "", null, null);
  }

  /** {@code retry}, {@code cancel}, {@code extend-preservation}: its ids and message keys. */
  public String slug() {
    return action.wireName();
  }

  /** Where it posts. */
  public String path() {
    return "/console/requests/" + requestId + "/" + slug();
  }

  public boolean hasErrors() {
    return reasonError != null || confirmError != null;
  }

  /** The reason field's description: its hint, and its error when it has one. */
  public String reasonDescribedBy() {
    return "reason-"
        + slug()
        + "-hint"
        + (reasonError == null ? "" : " reason-" + slug() + "-error");
  }

  /** The confirmation box's description: its error, when it has one; else null (no attribute). */
  public String confirmDescribedBy() {
    return confirmError == null ? null : "confirm-" + slug() + "-error";
  }

  /** Whether the reason field takes the focus: the first field in error. */
  public boolean focusReason() {
    return reasonError != null;
  }

  /** Whether the confirmation box takes the focus: in error while the reason is not. */
  public boolean focusConfirm() {
    return reasonError == null && confirmError != null;
  }

  /** The bound of the reason field, as the use case checks it. */
  public int maxLength() {
    return Reason.MAX_LENGTH;
  }
}
