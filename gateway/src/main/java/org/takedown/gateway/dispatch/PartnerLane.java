package org.takedown.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.PartnerExchanges;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.SubmitOutcome;

/**
 * One partner's delivery lane: a loop that claims only as many due requests as the partner's {@link
 * PartnerBudget} allows calls right now (once half its slots are free, see {@link ClaimBatching}),
 * and a pool of workers that call the partner. Each partner has its own lane and budget, so a slow,
 * failing or throttling partner never holds up another's requests, and nothing claimed waits in
 * memory for a slot while its lease runs down.
 *
 * <p>What it decides over time counts on the gateway's {@link Clock}, as leases, retries and the
 * budget do (a test moves it by hand): how long a call took, which the breaker judges slow or not,
 * and when the {@link ClaimCursor} goes back to the head. Its own waits do not: the poll interval,
 * the pause after a database error and the {@link ClaimBatching} linger are how long its thread
 * sleeps before it looks again, and a clock that a test holds still must not keep it asleep (the
 * linger is a bound of a few milliseconds on waiting for slots to free up, not a rule about when a
 * request is due).
 */
final class PartnerLane {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerLane.class);
  private static final Duration DATABASE_ERROR_PAUSE = Duration.ofSeconds(2);

  private final PlatformAdapter adapter;
  private final DispatchDueRequests dispatch;
  private final PartnerBudget budget;
  private final PartnerCallMeters meters;
  private final String owner;
  private final int concurrency;
  private final Duration pollInterval;
  private final ExecutorService workers;
  private final AnswerRecorder recorder;
  private final Thread loop;
  private final ForwardTime time;
  private final ClaimCursor cursor;
  private final ClaimBatching batching;
  private final Object signal = new Object();
  private volatile boolean running = true;
  private boolean woken;

  PartnerLane(
      PlatformAdapter adapter,
      DispatchDueRequests dispatch,
      PartnerBudget budget,
      PartnerCallMeters meters,
      String owner,
      int concurrency,
      Duration pollInterval,
      Clock clock) {
    this.adapter = adapter;
    this.dispatch = dispatch;
    this.budget = budget;
    this.meters = meters;
    this.owner = owner;
    this.concurrency = concurrency;
    this.batching = new ClaimBatching(concurrency);
    this.pollInterval = pollInterval;
    this.time = new ForwardTime(clock);
    this.cursor = new ClaimCursor(time::nanos);
    String name = "dispatch-" + adapter.platform().name().toLowerCase();
    AtomicInteger counter = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // room for every slot's answer twice over: workers wait only when the database falls behind
    this.recorder =
        new AnswerRecorder(
            adapter.platform(), dispatch, Math.max(AnswerRecorder.MAX_BATCH, 2 * concurrency));
    this.loop = new Thread(this::run, name);
    this.loop.setDaemon(true);
  }

  void start() {
    recorder.start();
    loop.start();
  }

  /** New requests, a free slot or a resumed partner: look now rather than at the next poll. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  void stop(Duration grace) {
    running = false;
    loop.interrupt();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        // in-flight calls keep their leases; another dispatcher takes the requests over
        workers.shutdownNow();
      }
      loop.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // after the workers: the answers they handed over are recorded before the lane is gone
    recorder.stop(grace);
  }

  private void run() {
    while (running) {
      PartnerBudget.Grant grant = PartnerBudget.Grant.NONE;
      try {
        // the thread's own time, not the clock's: a held clock would turn the linger into a
        // wait for slots to free up
        long wait = batching.waitBeforeClaim(budget.freeSlots(), System.nanoTime());
        if (wait > 0) {
          idle(Duration.ofNanos(wait));
          continue;
        }
        grant = budget.reserve(concurrency);
        if (grant.calls() == 0) {
          idle(pollInterval);
          continue;
        }
        List<ClaimedRequest> claimed =
            dispatch.claim(adapter.platform(), grant.calls(), owner, cursor);
        budget.settle(grant, claimed.size());
        boolean probe = grant.probe();
        grant = PartnerBudget.Grant.NONE;
        claimed.forEach(claim -> workers.execute(() -> deliver(claim, probe)));
        if (claimed.isEmpty()) {
          idle(pollInterval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        budget.settle(grant, 0);
        LOG.atWarn()
            .addKeyValue(LogFields.PLATFORM, adapter.platform().name())
            .log(
                "{} lane cannot claim requests ({}); retrying in {}",
                adapter.platform(),
                LoggedFailure.of(e).describe(),
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

  private void deliver(ClaimedRequest claim, boolean probe) {
    SubmitOutcome outcome;
    long started = time.nanos();
    PartnerExchanges exchanges = dispatch.exchanges();
    try {
      outcome = adapter.submit(claim.command(), exchanges);
    } catch (RuntimeException e) {
      // adapters classify every answer; this is a defect of the gateway, not the partner's fault
      budget.abandoned(probe);
      // its message may quote the command (the requester's name and email): types only
      LogFields.request(LOG.atError(), claim.id(), claim.caseId(), adapter.platform())
          .addKeyValue(LogFields.ATTEMPT, claim.attempt())
          .addKeyValue("exception", e.getClass().getName())
          .log(
              "{} request {}: adapter failed ({})",
              adapter.platform(),
              claim.id(),
              LoggedFailure.of(e).describe());
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "adapter failure, stack frames (messages left out):\n{}", LoggedFailure.frames(e));
      }
      wake();
      return;
    }
    Duration took = Duration.ofNanos(time.nanos() - started);
    budget.completed(outcome, took, probe);
    meters.record(outcome, took);
    wake();
    try {
      recorder.add(new DispatchDueRequests.Answer(claim, outcome, exchanges));
    } catch (InterruptedException e) {
      // stopping: the lease runs out and the request is sent again with the same reference
      Thread.currentThread().interrupt();
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
