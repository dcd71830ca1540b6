package org.takedown.gateway.operations;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.problem.DatabaseOutage;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.StateColumn;
import org.takedown.gateway.tracking.PreservationWatch;
import org.takedown.platform.Platform;

/**
 * The request table as {@code /metrics} and {@code /health} show it: one grouped query every {@code
 * gateway.operations.snapshot-interval} (default 5 s), on a schedule, whatever the rate of those
 * (unauthenticated) calls; they only ever read the last {@link Reading}. While the database cannot
 * be read the last figures stay, marked unreachable, and their {@link Reading#readAt()} ages.
 *
 * <p>"Due" means what the dispatcher means: a PENDING request whose next attempt time has come (new
 * requests are due at once; a retry after its backoff), whether or not a dispatcher holds it.
 */
@Singleton
final class RequestSnapshot {

  /** How often the table is read. */
  static final String INTERVAL = "${gateway.operations.snapshot-interval:5s}";

  private static final Logger LOG = LoggerFactory.getLogger(RequestSnapshot.class);
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
  private static final RequestState[] STATES = RequestState.values();

  /**
   * One reading of the table; replaced whole, so that an answer never mixes two readings.
   *
   * @param readAt when the figures were read; null until the first reading succeeded
   * @param up whether the last attempt to read succeeded (if not, the figures are older)
   */
  record Reading(
      long[][] requests,
      long[] backlog,
      double[] oldestDueAge,
      long[] expiring,
      Instant readAt,
      boolean up) {

    static Reading none() {
      return new Reading(
          new long[PLATFORMS.length][STATES.length],
          new long[PLATFORMS.length],
          new double[PLATFORMS.length],
          new long[PLATFORMS.length],
          null,
          true);
    }

    Reading unreachable() {
      return new Reading(requests, backlog, oldestDueAge, expiring, readAt, false);
    }

    long requests(Platform platform, RequestState state) {
      return requests[platform.ordinal()][state.ordinal()];
    }

    /** PENDING requests, due or waiting out a backoff: what {@code /health} calls backlog. */
    long pending(Platform platform) {
      return requests(platform, RequestState.PENDING);
    }

    /** Seconds since the figures were read, by {@code clock}; NaN before the first reading. */
    double ageSeconds(Clock clock) {
      if (readAt == null) {
        return Double.NaN;
      }
      return Math.max(0, Duration.between(readAt, clock.instant()).toNanos() / 1e9);
    }
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final Duration warnBefore;
  private final TaskScheduler scheduler;
  private final Duration interval;
  private volatile Reading reading = Reading.none();
  private ScheduledFuture<?> schedule;

  RequestSnapshot(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Value(PreservationWatch.WARN_BEFORE) Duration warnBefore,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Value(INTERVAL) Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "gateway.operations.snapshot-interval must be positive, not " + interval);
    }
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.warnBefore = warnBefore;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /**
   * Reads at once, then {@code interval} after each reading ends: never two readings at a time, and
   * never more than one per interval. Scheduled here rather than with {@code @Scheduled} so that
   * the schedule ends with this bean, before the connection pool closes.
   */
  @EventListener
  synchronized void onStartup(StartupEvent event) {
    if (schedule == null) {
      schedule = scheduler.scheduleWithFixedDelay(Duration.ZERO, interval, this::refresh);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /** The last reading; never touches the database. */
  Reading reading() {
    return reading;
  }

  Clock clock() {
    return clock;
  }

  /** Reads the table once; on failure keeps the last figures and marks them unreachable. */
  void refresh() {
    Instant now = PgTime.micros(clock.instant());
    try {
      reading = transactions.executeRead(status -> read(now));
    } catch (RuntimeException e) {
      reading = reading.unreachable();
      LOG.warn(
          "operations snapshot: cannot read the request table ({})", DatabaseOutage.summary(e));
    }
  }

  private Reading read(Instant now) {
    return jdbc.prepareStatement(
        QUERY,
        statement -> {
          PgTime.set(statement, 1, now);
          PgTime.set(statement, 2, now);
          PgTime.set(statement, 3, now.plus(warnBefore));
          Reading next = Reading.none();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              Platform platform = lookup(Platform.class, rows.getString("platform"));
              RequestState state = StateColumn.find(rows.getString("status")).orElse(null);
              if (platform == null || state == null) {
                continue;
              }
              int p = platform.ordinal();
              next.requests()[p][state.ordinal()] = rows.getLong("requests");
              next.backlog()[p] += rows.getLong("due");
              if (state == RequestState.COMPLETED) {
                next.expiring()[p] = rows.getLong("expiring");
              }
              Instant oldestDue = PgTime.get(rows, "oldest_due");
              if (oldestDue != null) {
                double age = Math.max(0, Duration.between(oldestDue, now).toNanos() / 1e9);
                next.oldestDueAge()[p] = Math.max(next.oldestDueAge()[p], age);
              }
            }
          }
          return new Reading(
              next.requests(), next.backlog(), next.oldestDueAge(), next.expiring(), now, true);
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
