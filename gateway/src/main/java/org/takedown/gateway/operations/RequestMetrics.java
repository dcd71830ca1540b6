package org.takedown.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.tracking.PreservationWatch;
import org.takedown.platform.Platform;

/**
 * Gauges of the request table, read with one grouped query each time {@link #refresh()} runs (on
 * every scrape of {@code /metrics}). Every (partner, state) pair is registered up front, so a
 * series reads 0 rather than vanishing. While the database cannot be read the gauges keep their
 * last values and {@code takedown.database.up} reads 0.
 *
 * <p>"Due" means what the dispatcher means: a PENDING request whose next attempt time has come (new
 * requests are due at once; a retry after its backoff), whether or not a dispatcher holds it.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
final class RequestMetrics {

  static final String REQUESTS = "takedown.requests";
  static final String BACKLOG = "takedown.backlog";
  static final String OLDEST_DUE_AGE = "takedown.oldest.due.age";
  static final String DATABASE_UP = "takedown.database.up";
  static final String PRESERVATIONS_EXPIRING = "takedown.preservations.expiring";

  private static final Logger LOG = LoggerFactory.getLogger(RequestMetrics.class);
  private static final String DUE = "status = 'PENDING' AND next_attempt_at <= ?";
  private static final String QUERY =
      "SELECT platform, status, count(*) AS requests,"
          + " count(*) FILTER (WHERE "
          + DUE
          + ") AS due,"
          + " min(next_attempt_at) FILTER (WHERE "
          + DUE
          + ") AS oldest_due,"
          + " count(*) FILTER (WHERE outcome = 'PRESERVED' AND preserved_until <= ?) AS expiring"
          + " FROM takedown_request GROUP BY platform, status";

  private static final Platform[] PLATFORMS = Platform.values();
  private static final RequestStatus[] STATES = RequestStatus.values();

  /** One reading of the table; replaced whole, so that a scrape never mixes two readings. */
  private record Reading(
      long[][] requests, long[] backlog, double[] oldestDueAge, long[] expiring, boolean up) {

    static Reading empty() {
      return new Reading(
          new long[PLATFORMS.length][STATES.length],
          new long[PLATFORMS.length],
          new double[PLATFORMS.length],
          new long[PLATFORMS.length],
          true);
    }

    Reading unreachable() {
      return new Reading(requests, backlog, oldestDueAge, expiring, false);
    }
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final Duration warnBefore;
  private volatile Reading reading = Reading.empty();

  RequestMetrics(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      Clock clock,
      MeterRegistry registry,
      @Value(PreservationWatch.WARN_BEFORE) Duration warnBefore) {
    this.warnBefore = warnBefore;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    for (Platform platform : PLATFORMS) {
      String partner = partner(platform);
      int p = platform.ordinal();
      for (RequestStatus state : STATES) {
        int s = state.ordinal();
        Gauge.builder(REQUESTS, this, m -> m.reading.requests()[p][s])
            .description("Requests by partner and state")
            .tag("partner", partner)
            .tag("state", state.name())
            .strongReference(true)
            .register(registry);
      }
      Gauge.builder(BACKLOG, this, m -> m.reading.backlog()[p])
          .description(
              "PENDING requests due for delivery now: their next attempt time has come"
                  + " (new requests at once, retries after their backoff), in flight included")
          .tag("partner", partner)
          .strongReference(true)
          .register(registry);
      Gauge.builder(OLDEST_DUE_AGE, this, m -> m.reading.oldestDueAge()[p])
          .description(
              "How long the longest-waiting due PENDING request has been due"
                  + " (since its next attempt time); 0 when none is due")
          .baseUnit("seconds")
          .tag("partner", partner)
          .strongReference(true)
          .register(registry);
    }
    for (Platform platform : PLATFORMS) {
      int p = platform.ordinal();
      Gauge.builder(PRESERVATIONS_EXPIRING, this, m -> m.reading.expiring()[p])
          .description(
              "Preservations (COMPLETED, PRESERVED) whose preservedUntil falls within"
                  + " gateway.preservation.warn-before: extend them before they lapse")
          .tag("partner", partner(platform))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(DATABASE_UP, this, m -> m.reading.up() ? 1 : 0)
        .description(
            "1 when the last scrape read the database; 0 when it could not (takedown"
                + " gauges then keep their last values)")
        .strongReference(true)
        .register(registry);
  }

  static String partner(Platform platform) {
    return platform.name().toLowerCase(Locale.ROOT);
  }

  /** Reads the table once; on failure keeps the last reading and marks the database down. */
  void refresh() {
    Instant now = PgTime.micros(clock.instant());
    try {
      reading = transactions.executeRead(status -> read(now));
    } catch (RuntimeException e) {
      reading = reading.unreachable();
      LOG.warn("metrics: cannot read the request table ({})", e.getClass().getSimpleName());
    }
  }

  private Reading read(Instant now) {
    return jdbc.prepareStatement(
        QUERY,
        statement -> {
          PgTime.set(statement, 1, now);
          PgTime.set(statement, 2, now);
          PgTime.set(statement, 3, now.plus(warnBefore));
          Reading next = Reading.empty();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              Platform platform = lookup(Platform.class, rows.getString("platform"));
              RequestStatus state = lookup(RequestStatus.class, rows.getString("status"));
              if (platform == null || state == null) {
                continue;
              }
              int p = platform.ordinal();
              next.requests()[p][state.ordinal()] = rows.getLong("requests");
              next.backlog()[p] += rows.getLong("due");
              if (state == RequestStatus.COMPLETED) {
                next.expiring()[p] = rows.getLong("expiring");
              }
              Instant oldestDue = PgTime.get(rows, "oldest_due");
              if (oldestDue != null) {
                double age = Math.max(0, Duration.between(oldestDue, now).toNanos() / 1e9);
                next.oldestDueAge()[p] = Math.max(next.oldestDueAge()[p], age);
              }
            }
          }
          return next;
        });
  }

  /** Null for a value this build does not know (a newer instance may have written it). */
  private static <E extends Enum<E>> E lookup(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
