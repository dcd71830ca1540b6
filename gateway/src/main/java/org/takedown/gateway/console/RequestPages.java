package org.takedown.gateway.console;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.custody.ReadCustodyLog;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.CaseReads;
import org.takedown.gateway.status.RequestReads;
import org.takedown.gateway.tracking.PreservationWatch;

/**
 * Builds a request's page as it is now ({@link RequestReads#find}, the API's read, and the
 * request's custody entries from {@link ReadCustodyLog}, the custody endpoints' read): for the page
 * itself and for the answers to its forms, which show the request after the action.
 */
@Singleton
final class RequestPages {

  private final RequestReads requests;
  private final CaseReads cases;
  private final ReadCustodyLog custody;
  private final Duration preservationWarning;

  RequestPages(
      RequestReads requests,
      CaseReads cases,
      ReadCustodyLog custody,
      @Value(PreservationWatch.WARN_BEFORE) Duration preservationWarning) {
    this.requests = requests;
    this.cases = cases;
    this.custody = custody;
    this.preservationWarning = preservationWarning;
  }

  /**
   * The page of request {@code id}; empty when there is none {@code viewer} may see.
   *
   * @param notice what the action just taken did; null when none was
   * @param edited a form shown again as it was posted (with its errors); null for blank forms
   */
  Optional<RequestPage> read(
      UUID id, Viewer viewer, Chrome chrome, ActionNotice notice, ActionForm edited) {
    return requests.find(id, viewer).map(detail -> page(detail, viewer, chrome, notice, edited));
  }

  private RequestPage page(
      RequestDetail detail, Viewer viewer, Chrome chrome, ActionNotice notice, ActionForm edited) {
    RequestState state = RequestStates.fromContract(detail.status());
    Countdown due =
        state.isOpen() ? chrome.countdown(detail.dueAt(), Countdown.DEADLINE_URGENT) : null;
    Countdown preservation =
        detail.preservedUntil() != null && state == RequestState.COMPLETED
            ? chrome.countdown(detail.preservedUntil(), preservationWarning)
            : null;
    List<ActionForm> forms = new ArrayList<>();
    for (OfficerAction action : OfficerAction.allowing(state, detail.outcome())) {
      forms.add(
          edited != null && edited.action() == action
              ? edited
              : ActionForm.blank(detail.id(), action));
    }
    return new RequestPage(
        detail,
        cases.findHead(detail.caseId(), viewer).orElse(null),
        due,
        preservation,
        TimelineLine.of(detail.history(), custody.recordedOf(detail.id())),
        List.copyOf(forms),
        notice);
  }
}
