package org.takedown.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * sending the backlog. The drain's throughput is taken as stage 2's dispatch_per_s is, between 10%
 * and 90% of the backlog sent, so that the two compare: the lane's first moments after the breaker
 * lets calls through again (measured: 100 ms slices of 700 and 1,230 requests/s, then 2,000-3,800)
 * and the last stragglers are left out; {@code drain_s} and {@code drain_per_s_from_return} still
 * cover the whole drain. All from the times the gateway recorded (one machine, one clock).
 *
 * <p>With {@code --warm-up-rate}, cases first arrive at that rate until the gateway's JIT compilers
 * have gone quiet ({@link CompilerWatch}, the gateway's pid from {@code --gateway-pid-file}) or
 * {@code --warm-up-limit-seconds} have passed. The gateway of stage 2 has only ever sent Meta's
 * requests: measured, its compilers then took a third to two thirds of its CPU through the first
 * outage and a quarter of it during the drain, compiling intake and the other partners' paths,
 * which a gateway that has been up for a day compiled long ago. What the outage itself makes it
 * compile again (the 503s' path, the breaker's) still counts against the drain.
 */
final class Outage {

  /** Over how long the gateway's compilers must have been quiet for the warm-up to end. */
  private static final double COMPILER_WINDOW_SECONDS = 3;

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
    warmUp(options, gateway);
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
      double fromFirstPerSecond =
          (drainedCount - 1) / Math.max(1e-3, seconds(firstSent, drainedAt));
      int tenth = (int) (0.1 * (drainedCount - 1));
      int ninetieth = (int) Math.ceil(0.9 * (drainedCount - 1));
      double drainPerSecond =
          (ninetieth - tenth) / Math.max(1e-3, seconds(sent.get(tenth), sent.get(ninetieth)));
      OpenLoopLoad.Result result = arrivals.get();
      Figures.note(
          "drained in %.1f s: the first request out %.1f s after the return, then %.0f requests/s"
              + " (%.0f from 10%% to 90%% of the backlog; steady state %.0f/s); arrivals %d/%d"
              + " accepted, p99 %.1f ms; %d FAILED",
          drainSeconds,
          recoverySeconds,
          fromFirstPerSecond,
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
      Figures.print("drain_per_s_from_first", fromFirstPerSecond);
      Figures.print("outage_steady_per_s", steadyPerSecond);
      Figures.print("outage_failed", now.failed());
    }
  }

  /**
   * Cases at {@code --warm-up-rate} until the gateway's compilers use at most {@code
   * --compilers-quiet} of a core (0.1 unless given) over 3 s, or the limit; then waits until what
   * they brought has gone out (all that is due), so that the steady state starts from an empty
   * queue.
   */
  private static void warmUp(Options options, GatewayClient gateway) throws Exception {
    double rate = options.decimal("warm-up-rate", 0);
    if (rate <= 0) {
      return;
    }
    Duration limit = options.seconds("warm-up-limit-seconds", 60);
    double quiet = options.decimal("compilers-quiet", 0.1);
    long pid = Long.parseLong(Files.readString(Path.of(options.text("gateway-pid-file"))).strip());
    long start = System.nanoTime();
    OpenLoopLoad.Result result;
    double share;
    try (CompilerWatch compilers = new CompilerWatch(pid);
        OpenLoopLoad open = new OpenLoopLoad(201)) {
      // the window must hold only samples taken under the warm-up's load
      long earliestEnd = start + (long) (2 * COMPILER_WINDOW_SECONDS * 1e9);
      result =
          open.run(
              gateway.submissions(),
              rate,
              limit,
              () ->
                  System.nanoTime() > earliestEnd
                      && compilers.share(COMPILER_WINDOW_SECONDS) <= quiet);
      share = compilers.share(COMPILER_WINDOW_SECONDS);
    }
    try (RequestCounts counts = new RequestCounts(options.text("jdbc"))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // retries the gateway scheduled for later (a breaker's failed probe) are not waited for
      while (counts.pendingDueBefore(OffsetDateTime.now())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the warm-up's requests did not go out: " + counts.read());
        }
        Thread.sleep(100);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Figures.note(
        "warm-up: %d cases at %.0f/s (%d accepted) in %.1f s, %s (the gateway's compilers at %.0f%%"
            + " of a core over the last %.0f s)",
        result.sent(),
        rate,
        result.ok(),
        seconds,
        share <= quiet ? "until the compilers went quiet" : "the whole limit",
        100 * share,
        COMPILER_WINDOW_SECONDS);
    Figures.print("outage_warm_up_s", seconds);
    Figures.print("outage_warm_up_compilers_share", share);
  }

  private static double seconds(OffsetDateTime from, OffsetDateTime to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
