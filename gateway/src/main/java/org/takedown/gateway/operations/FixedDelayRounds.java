package org.takedown.gateway.operations;

import io.micronaut.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.takedown.gateway.problem.DatabaseOutage;

/**
 * A round of background work run once at start-up, then {@code interval} after each round ends,
 * until the bean that owns it stops: the custody integrator's rounds, the custody monitor's checks,
 * the statistics refresher's rounds. A round that throws is a warning in its owner's log, and the
 * next round comes all the same: a database outage skips rounds, it does not end the schedule.
 */
public final class FixedDelayRounds {

  private final TaskScheduler scheduler;
  private final Duration interval;
  private final Runnable round;
  private final Logger log;
  private final String failed;
  private ScheduledFuture<?> schedule;

  /**
   * @param property the setting {@code interval} comes from, named when it is not positive
   * @param log the owner's log, where a failed round is a warning
   * @param failed what that warning says, before the failure's summary in parentheses
   * @throws IllegalArgumentException when {@code interval} is zero or negative
   */
  public FixedDelayRounds(
      TaskScheduler scheduler,
      String property,
      Duration interval,
      Runnable round,
      Logger log,
      String failed) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(property + " must be positive, not " + interval);
    }
    this.scheduler = scheduler;
    this.interval = interval;
    this.round = round;
    this.log = log;
    this.failed = failed;
  }

  /** Runs the first round at once; a second start changes nothing. */
  public synchronized void start() {
    if (schedule == null) {
      schedule = scheduler.scheduleWithFixedDelay(Duration.ZERO, interval, this::runOnce);
    }
  }

  /** No round starts after this one; a round running now ends as it would. */
  public synchronized void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void runOnce() {
    try {
      round.run();
    } catch (RuntimeException e) {
      log.warn("{} ({})", failed, DatabaseOutage.summary(e));
    }
  }
}
