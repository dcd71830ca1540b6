package org.takedown.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestStatus;

/**
 * The work queue: the open requests by deadline, earliest first (overdue ones lead), and each
 * partner's state with the request table's counts.
 *
 * @param rows at most {@code limit} requests
 * @param open how many requests are open in all, as of {@code countedAt}
 * @param states the columns of the counts, every request state
 * @param countedAt when the counts were read; null before the first reading
 * @param countsCurrent false while the database cannot be counted (the counts are older)
 */
public record WorkQueuePage(
    List<Row> rows,
    int limit,
    long open,
    List<PartnerLine> partners,
    List<RequestStatus> states,
    Instant countedAt,
    boolean countsCurrent) {

  /**
   * One open request.
   *
   * @param critical a terrorism case or an emergency: marked, whatever its deadline
   */
  public record Row(
      UUID id,
      UUID caseId,
      String caseRef,
      Platform platform,
      Action action,
      RequestStatus status,
      Category category,
      Priority priority,
      boolean critical,
      String canonicalUrl,
      int attempts,
      String lastError,
      Instant dueAt,
      Countdown due) {

    /** The first characters of its id, enough to tell rows apart at a glance. */
    public String shortId() {
      return id.toString().substring(0, 8);
    }

    public boolean terrorism() {
      return category == Category.TERRORISM;
    }

    public boolean emergency() {
      return priority == Priority.EMERGENCY;
    }
  }

  /**
   * One partner: this instance's view of it and its requests by state.
   *
   * @param counts one per {@link WorkQueuePage#states}, in that order
   */
  public record PartnerLine(
      org.takedown.platform.Platform platform,
      String circuit,
      boolean dispatching,
      boolean paused,
      long backlog,
      List<Long> counts,
      long open) {

    public boolean circuitClosed() {
      return circuit.equals("CLOSED");
    }
  }
}
