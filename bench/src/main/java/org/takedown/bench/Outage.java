package org.takedown.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stage 4: cases keep arriving at a steady rate, their items spread over the three partners (or,
 * with {@code --partners META}, all at Meta); Meta answers every create with a 503 for a while,
 * then recovers. The drain lasts from the partner's return until the PENDING count is back at the
 * most it reached in the steady state before the outage. It has two parts: the gateway noticing the
 * return (its breaker lets a probe through once its open wait is over; {@code recovery_s}), then
 * sending the backlog; the drain's throughput is the requests SUBMITTED in the second part over its
 * duration, both taken from the times the gateway recorded (one machine, one clock).
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
            new CaseMix(
                CaseMix.Partners.valueOf(options.text("partners", "ALL")),
                options.text("run-id", "outage")));
    AtomicBoolean stopArrivals = new AtomicBoolean();
    AtomicReference<OpenLoopLoad.Result> arrivals = new AtomicReference<>();
    Duration longest = steady.plus(down).plusNanos(drainLimitNanos);
    Thread load =
        new Thread(
            () -> {
              try (OpenLoopLoad open = new OpenLoopLoad(201)) {
                arrivals.set(open.run(gateway.submissions(), rate, longest, stopArrivals::get));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "outage-arrivals");
    try (RequestCounts counts = RequestCounts.fromNow(options.text("jdbc"))) {
      load.start();
      long steadyPending = 0;
      RequestCounts.Counts before = counts.read();
      long steadyStart = System.nanoTime();
      while (System.nanoTime() - steadyStart < steady.toNanos()) {
        steadyPending = Math.max(steadyPending, counts.pending());
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

      boolean drained = false;
      while (System.nanoTime() - back < drainLimitNanos) {
        if (counts.pendingAtMost(Math.max(steadyPending, 1))) {
          drained = true;
          break;
        }
        Thread.sleep(100);
      }
      stopArrivals.set(true);
      load.join();
      RequestCounts.Counts now = counts.read();
      if (!drained) {
        throw new IllegalStateException("the backlog did not drain: " + now);
      }
      // From the gateway's own timestamps, not the 100 ms polls: the backlog is the requests that
      // waited at the return; it is drained when as few are left as waited in the steady state.
      List<OffsetDateTime> sent = counts.sentFrom(atReturn.at());
      int drainedCount = (int) Math.max(1, sent.size() - steadyPending);
      OffsetDateTime firstSent = sent.get(0);
      OffsetDateTime drainedAt = sent.get(drainedCount - 1);
      double drainSeconds = seconds(atReturn.at(), drainedAt);
      double recoverySeconds = seconds(atReturn.at(), firstSent);
      double drainPerSecond = (drainedCount - 1) / Math.max(1e-3, seconds(firstSent, drainedAt));
      OpenLoopLoad.Result result = arrivals.get();
      Figures.note(
          "drained in %.1f s: the first request out %.1f s after the return, then %.0f requests/s"
              + " (steady state %.0f/s); arrivals %d/%d accepted, p99 %.1f ms; %d FAILED",
          drainSeconds,
          recoverySeconds,
          drainPerSecond,
          steadyPerSecond,
          result.ok(),
          result.sent(),
          result.millis(99),
          now.failed());
      Figures.print("outage_backlog", atReturn.pending());
      Figures.print("drain_s", drainSeconds);
      Figures.print("recovery_s", recoverySeconds);
      Figures.print("drain_per_s_from_return", drainedCount / drainSeconds);
      Figures.print("drain_per_s", drainPerSecond);
      Figures.print("outage_steady_per_s", steadyPerSecond);
      Figures.print("outage_failed", now.failed());
    }
  }

  private static double seconds(OffsetDateTime from, OffsetDateTime to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
