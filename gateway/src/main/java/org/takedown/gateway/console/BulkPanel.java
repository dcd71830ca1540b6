package org.takedown.gateway.console;

import java.util.List;
import java.util.UUID;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;

/**
 * The bulk form a list of requests carries ({@code fragments/bulkActions.jte}) and, once posted,
 * what it did to each selected request. A page offers it with {@link #offering}; its rows carry the
 * selection column ({@code fragments/bulkSelect.jte}), whose boxes belong to the form by its id
 * {@value #FORM_ID}.
 *
 * @param back the page the form is on (a console address), where the result page leads back to
 * @param offered the actions the form offers, in this order
 * @param chosen the action chosen when the form comes back with an error; else null
 * @param reason what was typed, shown again after an error; empty at first
 * @param actionError key of the error next to the action's choice; null when none
 * @param reasonError key of the error next to the reason; null when none
 * @param confirmError key of the error next to the confirmation; null when none
 * @param selectionError key of the error about the selection (none, too many); null when none
 * @param selected the selected requests, kept when the form comes back with an error
 * @param outcome what the bulk action did; null until it was taken
 */
public record BulkPanel(
    String back,
    List<OfficerAction> offered,
    OfficerAction chosen,
    String reason,
    String actionError,
    String reasonError,
    String confirmError,
    String selectionError,
    List<UUID> selected,
    BulkOutcome outcome) {

  /** The form's id: the selection column's boxes name it in their {@code form} attribute. */
  public static final String FORM_ID = "bulk-form";

  /** Where the form posts. */
  public static final String PATH = "/console/requests/bulk";

  /** A blank bulk form on the page at {@code back}, offering {@code actions}. */
  public static BulkPanel offering(String back, OfficerAction... actions) {
    return new BulkPanel(back, List.of(actions), null, "", null, null, null, null, List.of(), null);
  }

  /** A blank bulk form offering every action. */
  public static BulkPanel offeringAll(String back) {
    return offering(back, OfficerAction.values());
  }

  public boolean hasErrors() {
    return actionError != null
        || reasonError != null
        || confirmError != null
        || selectionError != null;
  }

  public int maxLength() {
    return Reason.MAX_LENGTH;
  }

  public int maxSelected() {
    return OfficerActions.MAX_BULK;
  }

  public List<String> offeredNames() {
    return offered.stream().map(OfficerAction::wireName).toList();
  }
}
