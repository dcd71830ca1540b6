package org.takedown.gateway.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/**
 * The figures of one group (or of the totals) added up from rows of requests that share a state, an
 * outcome and whether they were answered within the deadline; each figure as GATEWAY-API.md
 * ("Statistics") and {@link StatisticsFromRequests}'s SQL define it.
 */
final class Tally {

  private long requests;
  private long open;
  private long completed;
  private long failed;
  private long cancelled;
  private long expired;
  private final long[] outcomes = new long[Outcome.values().length];
  private long overdue;
  private long withinDeadline;
  private long takedownsCompleted;
  private long takedownsRemovedOrRestricted;
  private long preserved;
  private long extended;
  private long preservationsExpired;
  private Seconds toSubmit = new Seconds();
  private Seconds toOutcome = new Seconds();

  /**
   * Adds {@code count} requests of {@code action} in {@code state} with {@code outcome} (null when
   * none), and their seconds packed as float8 ({@code float8send}: 8 bytes each, big-endian).
   */
  void add(
      String action,
      RequestState state,
      Outcome outcome,
      boolean withinDeadline,
      long count,
      byte[] toSubmit,
      byte[] toOutcome) {
    requests += count;
    switch (state) {
      case PENDING, SUBMITTED, IN_REVIEW -> open += count;
      case COMPLETED -> completed += count;
      case FAILED -> failed += count;
      case CANCELLED -> cancelled += count;
      case EXPIRED -> expired += count;
    }
    boolean carriesOutcome = state == RequestState.COMPLETED || state == RequestState.EXPIRED;
    if (carriesOutcome && outcome != null) {
      outcomes[outcome.ordinal()] += count;
    }
    if (withinDeadline) {
      this.withinDeadline += count;
    }
    boolean takedown = "TAKEDOWN".equals(action);
    boolean preservation = "PRESERVATION".equals(action);
    if (takedown && state == RequestState.COMPLETED) {
      takedownsCompleted += count;
      if (outcome == Outcome.REMOVED || outcome == Outcome.RESTRICTED) {
        takedownsRemovedOrRestricted += count;
      }
    }
    if (preservation && carriesOutcome && outcome == Outcome.PRESERVED) {
      preserved += count;
    }
    if (preservation && state == RequestState.EXPIRED) {
      preservationsExpired += count;
    }
    this.toSubmit.add(toSubmit);
    this.toOutcome.add(toOutcome);
  }

  void addOverdue(long count) {
    overdue += count;
  }

  void addExtended(long count) {
    extended += count;
  }

  /**
   * The totals' seconds taken from their groups: the totals' percentiles are then found by rank
   * across the groups' values, without a second copy of every value.
   */
  void secondsOfGroups(List<Tally> groups) {
    toSubmit = Seconds.ofGroups(groups.stream().map(group -> group.toSubmit).toList());
    toOutcome = Seconds.ofGroups(groups.stream().map(group -> group.toOutcome).toList());
  }

  Figures figures() {
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      byOutcome.put(outcome.name(), outcomes[outcome.ordinal()]);
    }
    return new Figures(
        requests,
        open,
        completed,
        failed,
        cancelled,
        expired,
        byOutcome,
        overdue,
        withinDeadline,
        takedownsCompleted == 0
            ? null
            : (double) takedownsRemovedOrRestricted / (double) takedownsCompleted,
        toSubmit.percentiles(),
        toOutcome.percentiles(),
        new Figures.Preservations(preserved, extended, preservationsExpired));
  }
}
