package org.takedown.gateway.status;

import java.util.List;
import org.takedown.contracts.CaseStatus;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.request.RequestStates;

/** A case's own facts and its requests; CLOSED once every request is terminal. */
public record CaseFile(CaseHead head, CaseStatus status, List<RequestView> requests) {

  static CaseFile of(CaseHead head, List<RequestView> requests) {
    boolean closed =
        requests.stream().allMatch(r -> RequestStates.fromContract(r.status()).isTerminal());
    return new CaseFile(head, closed ? CaseStatus.CLOSED : CaseStatus.OPEN, List.copyOf(requests));
  }

  /** The case as {@code GET /api/v1/cases/{id}} answers it. */
  public CaseView view() {
    return new CaseView(
        head.id(),
        head.externalRef(),
        head.category(),
        head.priority(),
        head.createdAt(),
        status,
        requests);
  }
}
