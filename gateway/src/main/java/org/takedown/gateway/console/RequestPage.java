package org.takedown.gateway.console;

import java.util.List;
import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.status.CaseHead;

/**
 * One request: its facts, its case, its countdowns, its timeline (the history and the custody
 * entries, oldest first), the forms of the actions its state allows, and what the officer's last
 * action did.
 *
 * @param due the time left until {@code dueAt} while the request is open; else null
 * @param preservation the time left until {@code preservedUntil} while a preservation holds (red
 *     from {@code gateway.preservation.warn-before} on); else null
 * @param timeline its history lines and custody entries in time order
 * @param actions one form per action the request's state allows, none for the others
 * @param notice the outcome of the action just taken; null when none was
 */
public record RequestPage(
    RequestDetail request,
    CaseHead caseHead,
    Countdown due,
    Countdown preservation,
    List<TimelineLine> timeline,
    List<ActionForm> actions,
    ActionNotice notice) {

  public boolean critical() {
    return caseHead != null && CriticalCases.isCritical(caseHead.category(), caseHead.priority());
  }
}
