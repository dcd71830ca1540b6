package org.takedown.gateway.statistics;

/**
 * A request's milestones as GATEWAY-API.md ("Statistics") defines them, written once for both the
 * figures computed from the requests ({@link StatisticsFromRequests}) and the stored days ({@link
 * DayFacts}): SQL over a request's history lines {@code h} (aggregates) and over a request {@code
 * r} joined to its milestones {@code m}.
 */
final class Milestones {

  /** Its first entry into SUBMITTED; a SUBMITTED line from SUBMITTED (a resubmission) is none. */
  static final String FIRST_SUBMITTED =
      "min(h.at) FILTER (WHERE h.to_status = 'SUBMITTED'"
          + " AND h.from_status IS DISTINCT FROM 'SUBMITTED')";

  /** Its first entry into COMPLETED; an extension (COMPLETED to COMPLETED) is none. */
  static final String FIRST_COMPLETED =
      "min(h.at) FILTER (WHERE h.to_status = 'COMPLETED'"
          + " AND h.from_status IS DISTINCT FROM 'COMPLETED')";

  /** The only history lines a milestone can be. */
  static final String MAY_BE_ONE = "h.to_status IN ('SUBMITTED', 'COMPLETED')";

  /** Seconds from creation to {@code m.submitted_at}, as float8; null when never submitted. */
  static final String SECONDS_TO_SUBMIT =
      "(extract(epoch FROM m.submitted_at) - extract(epoch FROM r.created_at))::float8";

  /** Seconds from creation to {@code m.completed_at}, as float8; null when never completed. */
  static final String SECONDS_TO_OUTCOME =
      "(extract(epoch FROM m.completed_at) - extract(epoch FROM r.created_at))::float8";

  private Milestones() {}
}
