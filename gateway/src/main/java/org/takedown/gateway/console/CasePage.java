package org.takedown.gateway.console;

import java.util.List;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.status.CaseFile;

/** One case: what its submitter declared, non-disclosure first, and its requests. */
public record CasePage(CaseFile file, List<Row> rows) {

  /**
   * One of its requests.
   *
   * @param due the time left until its deadline while it is open; else null
   */
  public record Row(RequestView request, Countdown due) {}

  public boolean critical() {
    return CriticalCases.isCritical(file.head().category(), file.head().priority());
  }
}
