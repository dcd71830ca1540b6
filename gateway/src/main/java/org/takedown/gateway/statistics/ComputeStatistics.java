package org.takedown.gateway.statistics;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.PgTime;

/**
 * The statistics of a period (GATEWAY-API.md, "Statistics"), {@code overdue} as of now: from the
 * stored days when the period is in their time zone (the unit's, the API's default), else from the
 * requests and their history. Both give the same figures; the first in a fraction of the time.
 */
@Singleton
public final class ComputeStatistics {

  private final StatisticsFromDays days;
  private final StatisticsFromRequests requests;
  private final Clock clock;

  ComputeStatistics(StatisticsFromDays days, StatisticsFromRequests requests, Clock clock) {
    this.days = days;
    this.requests = requests;
    this.clock = clock;
  }

  public Statistics compute(StatisticsQuery query) {
    var now = PgTime.micros(clock.instant());
    try {
      return query.zone().equals(DayFacts.ZONE)
          ? days.compute(query, now)
          : requests.compute(query, now);
    } catch (RuntimeException e) {
      if (unknownZone(e)) {
        // a zone Java's time-zone data knows and PostgreSQL's does not
        throw new InvalidInput(
            List.of(new Violation("timezone", "is not a time zone the database knows")));
      }
      throw e;
    }
  }

  /** PostgreSQL's answer to a time zone it does not know: invalid_parameter_value. */
  private static boolean unknownZone(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "22023".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
