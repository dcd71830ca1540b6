package org.takedown.gateway.console;

import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.status.CaseHead;

/**
 * One request: its facts, its case, its countdowns and its timeline (the history, oldest first).
 *
 * @param due the time left until {@code dueAt} while the request is open; else null
 * @param preservation the time left until {@code preservedUntil} while a preservation holds (red
 *     from {@code gateway.preservation.warn-before} on); else null
 */
public record RequestPage(
    RequestDetail request, CaseHead caseHead, Countdown due, Countdown preservation) {

  public boolean critical() {
    return caseHead != null && CriticalCases.isCritical(caseHead.category(), caseHead.priority());
  }
}
