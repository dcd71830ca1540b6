package org.takedown.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stage 4: Meta-only cases keep arriving at a steady rate; Meta answers every create with a 503 for
 * a while, then recovers. The drain lasts from the partner's return until the PENDING count is back
 * at the most it reached in the steady state before the outage; its throughput is the requests
 * SUBMITTED meanwhile over its duration.
 */
final class Outage {

  private Outage() {}

  static void run(Options options) throws Exception {
    double rate = options.decimal("rate", 10);
    Duration steady = options.seconds("steady-seconds", 10);
    Duration down = options.seconds("down-seconds", 30);
    long drainLimitNanos = options.seconds("drain-limit-seconds", 120).toNanos();
    MetaSandbox meta = new MetaSandbox(options.text("meta"));
    GatewayClient gateway =
        new GatewayClient(
            options.text("gateway"),
            options.text("token"),
            new CaseMix(CaseMix.Partners.META, options.text("run-id", "outage")));
    AtomicBoolean stopArrivals = new AtomicBoolean();
    AtomicReference<OpenLoopLoad.Result> arrivals = new AtomicReference<>();
    Duration longest = steady.plus(down).plusNanos(drainLimitNanos);
    Thread load =
        new Thread(
            () -> {
              try {
                arrivals.set(
                    new OpenLoopLoad(GatewayClient.HTTP, 201)
                        .run(gateway.submissions(), rate, longest, stopArrivals::get));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "outage-arrivals");
    try (RequestCounts counts = new RequestCounts(options.text("jdbc"))) {
      load.start();
      long steadyPending = 0;
      RequestCounts.Counts before = counts.read();
      long steadyStart = System.nanoTime();
      while (System.nanoTime() - steadyStart < steady.toNanos()) {
        steadyPending = Math.max(steadyPending, counts.read().pending());
        Thread.sleep(100);
      }
      RequestCounts.Counts atSteadyEnd = counts.read();
      double steadyPerSecond =
          (atSteadyEnd.submitted() - before.submitted())
              / ((System.nanoTime() - steadyStart) / 1e9);

      String outage = meta.down();
      Figures.note(
          "Meta down (503) for %s; steady state had at most %d PENDING", down, steadyPending);
      Thread.sleep(down.toMillis());
      meta.up(outage);
      long back = System.nanoTime();
      RequestCounts.Counts atReturn = counts.read();
      Figures.note("Meta back with %d requests PENDING", atReturn.pending());

      RequestCounts.Counts now = atReturn;
      long drained = -1;
      while (System.nanoTime() - back < drainLimitNanos) {
        now = counts.read();
        if (now.pending() <= Math.max(steadyPending, 1)) {
          drained = System.nanoTime();
          break;
        }
        Thread.sleep(100);
      }
      stopArrivals.set(true);
      load.join();
      if (drained < 0) {
        throw new IllegalStateException("the backlog did not drain: " + now);
      }
      double drainSeconds = (drained - back) / 1e9;
      double drainPerSecond = (now.submitted() - atReturn.submitted()) / drainSeconds;
      OpenLoopLoad.Result result = arrivals.get();
      Figures.note(
          "drained in %.1f s at %.0f requests/s (steady state %.0f/s); arrivals %d/%d accepted,"
              + " p99 %.1f ms; %d FAILED",
          drainSeconds,
          drainPerSecond,
          steadyPerSecond,
          result.ok(),
          result.sent(),
          result.millis(99),
          now.failed());
      Figures.print("outage_backlog", atReturn.pending());
      Figures.print("drain_s", drainSeconds);
      Figures.print("drain_per_s", drainPerSecond);
      Figures.print("outage_steady_per_s", steadyPerSecond);
      Figures.print("outage_failed", now.failed());
    }
  }
}
