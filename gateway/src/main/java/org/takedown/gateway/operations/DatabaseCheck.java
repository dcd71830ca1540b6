package org.takedown.gateway.operations;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.problem.DatabaseOutage;

/**
 * Whether the database answers, as {@code /health} reports it, at a bounded cost however often
 * {@code /health} is called: one trivial query on a pooled connection at a time, shared by every
 * caller that arrives while it runs, its result reused for {@code
 * gateway.operations.database-check-reuse} (default 1 s) after it finished. A caller waits at most
 * {@code gateway.operations.database-check-timeout} (default 2 s) and takes a check that has not
 * answered by then as a database that is down; the check itself goes on (bounded by the pool's
 * {@code connection-timeout} and its own query timeout) and later callers share it.
 *
 * <p>The reuse counts on the gateway's {@link Clock} (a test moves it by hand). A result that seems
 * to have finished in the future (the system clock was set back since) is not reused: one more
 * check costs little, a stale answer for as long as the clock went back would mislead.
 */
@Singleton
final class DatabaseCheck {

  static final String TIMEOUT = "${gateway.operations.database-check-timeout:2s}";
  static final String REUSE = "${gateway.operations.database-check-reuse:1s}";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheck.class);

  /** One check: in flight until {@code up} completes; {@code finishedAt} is set just before. */
  private static final class Attempt {
    final CompletableFuture<Boolean> up = new CompletableFuture<>();
    volatile Instant finishedAt;

    void finish(boolean result, Instant now) {
      finishedAt = now;
      up.complete(result);
    }

    boolean reusable(Instant now, Duration reuse) {
      if (!up.isDone()) {
        return true;
      }
      Duration since = Duration.between(finishedAt, now);
      return !since.isNegative() && since.compareTo(reuse) < 0;
    }
  }

  private final BooleanSupplier probe;
  private final Executor executor;
  private final Duration timeout;
  private final Duration reuse;
  private final Clock clock;
  private final AtomicReference<Attempt> latest = new AtomicReference<>();

  @Inject
  DatabaseCheck(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      @Named(TaskExecutors.BLOCKING) Executor executor,
      @Value(TIMEOUT) Duration timeout,
      @Value(REUSE) Duration reuse,
      Clock clock) {
    this(() -> check(jdbc, transactions, timeout), executor, timeout, reuse, clock);
  }

  /** With {@code probe} in place of the query: true when the database answered. */
  DatabaseCheck(
      BooleanSupplier probe, Executor executor, Duration timeout, Duration reuse, Clock clock) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "gateway.operations.database-check-timeout must be positive, not " + timeout);
    }
    this.probe = probe;
    this.executor = executor;
    this.timeout = timeout;
    this.reuse = reuse;
    this.clock = clock;
  }

  /**
   * True when the database answered the current check; false when it failed or did not answer
   * within the timeout. Never blocks the caller.
   */
  CompletableFuture<Boolean> up() {
    return current().up.copy().completeOnTimeout(false, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Attempt current() {
    while (true) {
      Attempt last = latest.get();
      if (last != null && last.reusable(clock.instant(), reuse)) {
        return last;
      }
      Attempt next = new Attempt();
      if (latest.compareAndSet(last, next)) {
        start(next);
        return next;
      }
    }
  }

  private void start(Attempt attempt) {
    try {
      executor.execute(() -> attempt.finish(probe.getAsBoolean(), clock.instant()));
    } catch (RejectedExecutionException e) {
      attempt.finish(false, clock.instant());
    }
  }

  private static boolean check(
      JdbcOperations jdbc, TransactionOperations<Connection> transactions, Duration timeout) {
    int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    try {
      return transactions.executeRead(
          status ->
              jdbc.prepareStatement(
                  // a statement of its own, so that pg_stat_statements tells the checks apart
                  // from the pool's own validation of a borrowed connection (SELECT 1)
                  "SELECT current_database() AS database_check",
                  statement -> {
                    statement.setQueryTimeout(seconds);
                    try (ResultSet rows = statement.executeQuery()) {
                      return rows.next();
                    }
                  }));
    } catch (RuntimeException e) {
      LOG.warn("health: database unreachable ({})", DatabaseOutage.summary(e));
      return false;
    }
  }
}
