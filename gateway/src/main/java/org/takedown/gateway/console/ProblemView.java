package org.takedown.gateway.console;

import org.takedown.contracts.Outcome;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.problem.ProblemType;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.request.RequestStates;

/**
 * A refusal of the use case as the console shows it: the problem the API answers for it (status,
 * type, title), its detail, and for a state conflict the state the request was in.
 *
 * @param slug the problem kind, {@code state-conflict}: the message keys {@code problem.<slug>}
 * @param state the request's state when the action was refused; null unless a state conflict
 */
public record ProblemView(
    int status, String type, String slug, String detail, RequestStatus state, Outcome outcome) {

  static ProblemView of(Refusal refusal) {
    ProblemType type = ProblemType.of(refusal);
    StateConflict conflict = refusal instanceof StateConflict c ? c : null;
    return new ProblemView(
        type.status(),
        type.type().toString(),
        type.slug(),
        refusal.getMessage(),
        conflict == null || conflict.status() == null
            ? null
            : RequestStates.toContract(conflict.status()),
        conflict == null ? null : conflict.outcome());
  }

  /** The key of its title in the reader's language. */
  public String titleKey() {
    return "problem." + slug;
  }
}
