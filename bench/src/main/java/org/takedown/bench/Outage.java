package org.takedown.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code --warm-up-limit-seconds} have passed, then at the stage's rate until they are quiet there
 * too (see {@link #warmUp}). The gateway of stage 2 has only ever sent Meta's requests: measured,
 * its compilers then took a third to two thirds of its CPU through the first outage and a quarter
 * of it during the drain, compiling intake and the other partners' paths, which a gateway that has
 * been up for a day compiled long ago. What the outage itself makes it compile again (the 503s'
 * path, the breaker's) still counts against the drain.
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
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "outage-arrivals");
    StageCpu cpu = stageCpu(options);
    try (RequestCounts counts = RequestCounts.fromNow(options.text("jdbc"))) {
      load.start();
      long steadyPending = 0;
      RequestCounts.Counts before = counts.read();
      StageCpu.Reading cpuSteadyFrom = cpu.read();
      long steadyStart = System.nanoTime();
      while (System.nanoTime() - steadyStart < steady.toNanos()) {
        steadyPending = Math.max(steadyPending, counts.pending());
        Thread.sleep(100);
      }
      StageCpu.Reading cpuSteadyTo = cpu.read();
      RequestCounts.Counts atSteadyEnd = counts.read();
      double steadyPerSecond =
          (atSteadyEnd.submitted() - before.submitted())
              / ((System.nanoTime() - steadyStart) / 1e9);

      String outage = meta.down();
      Figures.note(
          "Meta down (503) for %s; steady state had at most %d PENDING", down, steadyPending);
      Thread.sleep(down.toMillis());
      meta.up(outage);
      // read as the drain is polled: its CPU is taken over the same 10% to 90% as its rate
      List<StageCpu.Reading> cpuInDrain = new ArrayList<>(List.of(cpu.read()));
      long back = System.nanoTime();
      RequestCounts.Counts atReturn = counts.read();
      Figures.note("Meta back with %d requests PENDING", atReturn.pending());

      RequestCounts.Counts atDrained = null;
      while (System.nanoTime() - back < drainLimitNanos) {
        cpuInDrain.add(cpu.read());
        if (counts.pendingAtMost(Math.max(steadyPending, 1))) {
          atDrained = counts.read();
          break;
        }
        Thread.sleep(100);
      }
      stopArrivals.set(true);
      load.join();
      RequestCounts.Counts now = counts.read();
      if (atDrained == null) {
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
      // per request sent, every partner's: the arrivals' own work is in both
      cpu.printPerCall(
          "steady", cpuSteadyFrom, cpuSteadyTo, atSteadyEnd.submitted() - before.submitted());
      StageCpu.Reading cpuDrainFrom = lastAtOrBefore(cpuInDrain, sent.get(tenth).toInstant());
      StageCpu.Reading cpuDrainTo = firstAtOrAfter(cpuInDrain, sent.get(ninetieth).toInstant());
      cpu.printPerCall(
          "drain",
          cpuDrainFrom,
          cpuDrainTo,
          counts.sentBetween(cpuDrainFrom.at(), cpuDrainTo.at()));
    }
  }

  private static StageCpu.Reading lastAtOrBefore(List<StageCpu.Reading> readings, Instant t) {
    StageCpu.Reading found = readings.get(0);
    for (StageCpu.Reading reading : readings) {
      if (!reading.at().isAfter(t)) {
        found = reading;
      }
    }
    return found;
  }

  private static StageCpu.Reading firstAtOrAfter(List<StageCpu.Reading> readings, Instant t) {
    for (StageCpu.Reading reading : readings) {
      if (!reading.at().isBefore(t)) {
        return reading;
      }
    }
    return readings.get(readings.size() - 1);
  }

  /**
   * The CPU of everything stage 4 runs on the machine: the gateway, PostgreSQL, the sandbox, and
   * this harness, which sends the arrivals.
   */
  private static StageCpu stageCpu(Options options) throws IOException {
    long gatewayPid = options.text("gateway-pid-file", "").isEmpty() ? 0 : gatewayPid(options);
    long clientPid = ProcessHandle.current().pid();
    return StageCpu.of(gatewayPid, options.integer("sandbox-pid", 0))
        .with("client", () -> ProcessCpu.seconds(clientPid));
  }

  private static long gatewayPid(Options options) throws IOException {
    return ProcessCpu.pidIn(options.text("gateway-pid-file"));
  }

  /**
   * Cases at {@code --warm-up-rate} until the gateway's compilers use at most {@code
   * --compilers-quiet} of a core (0.1 unless given) over 3 s, or {@code --warm-up-limit-seconds};
   * then at the stage's own {@code --rate} until they are quiet again, or {@code
   * --settle-limit-seconds} (the same unless given); then waits until what they brought has gone
   * out (all that is due), so that the steady state starts from an empty queue.
   *
   * <p>Why the second part: at the warm-up rate the machine is saturated, and compiler threads that
   * get little CPU look quiet with a long queue of work. Measured, with the warm-up ending on such
   * a reading (9-12% of a core), the compilers went up to 70-80% of a core as soon as the arrivals
   * dropped to the stage's rate, and kept the steady state at 1.7 cores busy instead of about one.
   * At the stage's rate they have CPU to spare, so quiet means done.
   */
  private static void warmUp(Options options, GatewayClient gateway) throws Exception {
    double rate = options.decimal("warm-up-rate", 0);
    if (rate <= 0) {
      return;
    }
    Duration limit = options.seconds("warm-up-limit-seconds", 60);
    double quiet = options.decimal("compilers-quiet", 0.1);
    long start = System.nanoTime();
    Phase busy;
    Phase settled;
    try (CompilerWatch compilers = new CompilerWatch(gatewayPid(options));
        OpenLoopLoad open = new OpenLoopLoad(201)) {
      busy = untilQuiet(open, gateway, rate, limit, compilers, quiet);
      Duration settleLimit = options.seconds("settle-limit-seconds", limit.toSeconds());
      settled =
          untilQuiet(open, gateway, options.decimal("rate", 10), settleLimit, compilers, quiet);
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
        "warm-up: %s; then %s; %.1f s in all",
        busy.describe(quiet), settled.describe(quiet), seconds);
    Figures.print("outage_warm_up_s", seconds);
    Figures.print("outage_warm_up_compilers_share", settled.share());
  }

  /** One part of the warm-up: what was sent, and the compilers' share of a core at its end. */
  private record Phase(OpenLoopLoad.Result result, double share) {

    String describe(double quiet) {
      return String.format(
          Locale.ROOT,
          "%d cases at %.0f/s (%d accepted) in %.1f s, %s (compilers at %.0f%% of a core over %.0f"
              + " s)",
          result.sent(),
          result.rate(),
          result.ok(),
          result.seconds(),
          share <= quiet ? "until the compilers went quiet" : "the whole limit",
          100 * share,
          COMPILER_WINDOW_SECONDS);
    }
  }

  /** Cases at {@code rate} until the compilers are quiet over a window of this part's own. */
  private static Phase untilQuiet(
      OpenLoopLoad open,
      GatewayClient gateway,
      double rate,
      Duration limit,
      CompilerWatch compilers,
      double quiet)
      throws InterruptedException {
    // the window must hold only samples taken at this rate
    long earliestEnd = System.nanoTime() + (long) (2 * COMPILER_WINDOW_SECONDS * 1e9);
    OpenLoopLoad.Result result =
        open.run(
            gateway.submissions(),
            rate,
            limit,
            () ->
                System.nanoTime() > earliestEnd
                    && compilers.share(COMPILER_WINDOW_SECONDS) <= quiet);
    return new Phase(result, compilers.share(COMPILER_WINDOW_SECONDS));
  }

  private static double seconds(OffsetDateTime from, OffsetDateTime to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
