package org.takedown.gateway.console;

import org.takedown.gateway.actions.OfficerAction;

/**
 * What the officer's last action on the request page did: done, or refused with the API's problem
 * for it. Never left out: a refusal is shown with its problem, whatever its kind.
 *
 * @param problem why it was refused; null when it was done
 */
public record ActionNotice(OfficerAction action, ProblemView problem) {

  static ActionNotice done(OfficerAction action) {
    return new ActionNotice(action, null);
  }

  static ActionNotice refused(OfficerAction action, ProblemView problem) {
    return new ActionNotice(action, problem);
  }

  public boolean done() {
    return problem == null;
  }

  public String slug() {
    return action.wireName();
  }
}
