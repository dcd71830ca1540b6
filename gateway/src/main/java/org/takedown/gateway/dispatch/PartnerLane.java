package org.takedown.gateway.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PlatformAdapter;

/**
 * One partner's delivery lane: a loop that claims only as many due requests as it has free call
 * slots, and a pool of that many workers that call the partner. Each partner has its own lane, so a
 * slow or failing partner never holds up another's requests, and nothing claimed waits in memory
 * for a slot while its lease runs down.
 */
final class PartnerLane {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerLane.class);
  private static final Duration DATABASE_ERROR_PAUSE = Duration.ofSeconds(2);

  private final PlatformAdapter adapter;
  private final DispatchDueRequests dispatch;
  private final Duration pollInterval;
  private final Duration unauthorizedPause;
  private final Semaphore slots;
  private final ExecutorService workers;
  private final Thread loop;
  private final Object signal = new Object();
  private volatile boolean running = true;
  private volatile long pausedUntilNanos;
  private boolean woken;

  PartnerLane(
      PlatformAdapter adapter, DispatchDueRequests dispatch, DispatchProperties properties) {
    this.adapter = adapter;
    this.dispatch = dispatch;
    this.pollInterval = properties.pollInterval();
    this.unauthorizedPause = properties.unauthorizedPause();
    this.slots = new Semaphore(properties.concurrency());
    this.pausedUntilNanos = System.nanoTime();
    String name = "dispatch-" + adapter.platform().name().toLowerCase();
    AtomicInteger counter = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            properties.concurrency(),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.loop = new Thread(this::run, name);
    this.loop.setDaemon(true);
  }

  void start() {
    loop.start();
  }

  /** New requests for this partner: look now rather than at the next poll. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  boolean isPaused() {
    return pausedUntilNanos - System.nanoTime() > 0;
  }

  void stop(Duration grace) {
    running = false;
    loop.interrupt();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        // in-flight calls keep their leases; another dispatcher takes the requests over
        workers.shutdownNow();
      }
      loop.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      int held = 0;
      try {
        slots.acquire();
        held = 1 + slots.drainPermits();
        waitWhilePaused();
        List<ClaimedRequest> claimed = dispatch.claim(adapter.platform(), held);
        slots.release(held - claimed.size());
        held = 0;
        claimed.forEach(claim -> workers.execute(() -> deliver(claim)));
        if (claimed.isEmpty()) {
          idle(pollInterval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        slots.release(held);
        LOG.warn(
            "{} lane cannot claim requests ({}); retrying in {}",
            adapter.platform(),
            e.getMessage(),
            DATABASE_ERROR_PAUSE);
        try {
          idle(DATABASE_ERROR_PAUSE);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void deliver(ClaimedRequest claim) {
    try {
      if (dispatch.deliver(claim, adapter) == DispatchDueRequests.Delivery.PARTNER_UNAUTHORIZED) {
        pausedUntilNanos = System.nanoTime() + unauthorizedPause.toNanos();
        LOG.error(
            "{} refused the gateway's credentials; no request is sent to it for {}",
            adapter.platform(),
            unauthorizedPause);
      }
    } catch (RuntimeException e) {
      // the answer could not be recorded (database unreachable): the lease runs out and the
      // request is sent again with the same reference, which the partner deduplicates
      LOG.warn(
          "{} request {}: result not recorded: {}", adapter.platform(), claim.id(), e.getMessage());
    } finally {
      slots.release();
    }
  }

  private void waitWhilePaused() throws InterruptedException {
    long remaining;
    while (running && (remaining = pausedUntilNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, pollInterval.toNanos()));
    }
  }

  private void idle(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      if (!woken) {
        signal.wait(Math.max(1, timeout.toMillis()));
      }
      woken = false;
    }
  }
}
