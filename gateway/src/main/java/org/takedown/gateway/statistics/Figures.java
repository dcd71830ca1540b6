package org.takedown.gateway.statistics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The figures of a set of requests (a group, or the period's totals), each as GATEWAY-API.md
 * ("Statistics") defines it.
 *
 * @param requests the requests created in the period (and in the group)
 * @param open those PENDING, SUBMITTED or IN_REVIEW now
 * @param outcomes for each of the six outcomes, in {@code Outcome}'s order, the requests that carry
 *     it now (COMPLETED or EXPIRED); 0 when none
 * @param overdue open requests whose {@code dueAt} has passed
 * @param withinDeadline requests whose first COMPLETED came at or before {@code dueAt}
 * @param removalRate (REMOVED + RESTRICTED) / COMPLETED, over TAKEDOWN requests; null when none is
 *     COMPLETED
 * @param timeToSubmit seconds from {@code createdAt} to the first SUBMITTED; null when none was
 * @param timeToOutcome seconds from {@code createdAt} to the first COMPLETED; null when none was
 */
@Serdeable
public record Figures(
    long requests,
    long open,
    long completed,
    long failed,
    long cancelled,
    long expired,
    Map<String, Long> outcomes,
    long overdue,
    long withinDeadline,
    @Nullable Double removalRate,
    @Nullable Percentiles timeToSubmit,
    @Nullable Percentiles timeToOutcome,
    Preservations preservations) {

  /** The 50th and 90th percentiles, by linear interpolation (PostgreSQL's percentile_cont). */
  @Serdeable
  public record Percentiles(double p50, double p90) {}

  /**
   * @param preserved PRESERVATION requests whose outcome is PRESERVED, expired ones included
   * @param extended of those, the ones extended at least once (by an officer or by the partner)
   * @param expired PRESERVATION requests EXPIRED now
   */
  @Serdeable
  public record Preservations(long preserved, long extended, long expired) {}
}
