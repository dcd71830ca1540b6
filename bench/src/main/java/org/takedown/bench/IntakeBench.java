package org.takedown.bench;

import java.time.Duration;

/**
 * Stage 1: steps the arrival rate up until latency or errors break, takes the last rate that held
 * as the sustained rate, and measures the latency at half of it.
 */
final class IntakeBench {

  /** A step breaks when its p99 exceeds this ... */
  static final double BREAKING_P99_MS = 100;

  /** ... or more than this fraction of its submissions fail ... */
  static final double BREAKING_ERRORS = 0.01;

  /** ... or the gateway answers fewer than this fraction of the arrivals in time. */
  static final double BREAKING_SHORTFALL = 0.95;

  private IntakeBench() {}

  private static boolean breaks(OpenLoopLoad.Result result) {
    return result.millis(99) > BREAKING_P99_MS
        || result.errorFraction() > BREAKING_ERRORS
        || result.ok() < BREAKING_SHORTFALL * result.sent();
  }

  static void run(Options options) throws Exception {
    GatewayClient gateway =
        new GatewayClient(
            options.text("gateway"),
            options.text("token"),
            new CaseMix(CaseMix.Partners.ALL, options.text("run-id", "intake")));
    try (OpenLoopLoad load = new OpenLoopLoad(201)) {
      run(options, gateway, load);
    }
  }

  private static void run(Options options, GatewayClient gateway, OpenLoopLoad load)
      throws InterruptedException {
    Duration step = options.seconds("step-seconds", 5);
    double factor = options.decimal("factor", 1.25);
    double rate = options.decimal("start-rate", 20);

    // A fresh JVM compiles its hot paths for its first thousands of cases (on 2 cores, for tens of
    // seconds): the warm-up gives it those at a rate it holds, so the steps measure a warm gateway.
    double warmUpRate = options.decimal("warmup-rate", rate);
    Figures.note("warm-up: %.0f cases/s for %s", warmUpRate, options.seconds("warmup-seconds", 8));
    load.run(gateway.submissions(), warmUpRate, options.seconds("warmup-seconds", 8));

    double sustained = 0;
    boolean retried = false;
    while (true) {
      OpenLoopLoad.Result result = load.run(gateway.submissions(), rate, step);
      boolean broke = breaks(result);
      Figures.note(
          "step %6.1f cases/s: ok %d/%d, p50 %.1f ms, p99 %.1f ms%s",
          rate,
          result.ok(),
          result.sent(),
          result.millis(50),
          result.millis(99),
          broke ? (retried ? "  <- breaks again" : "  <- breaks; once more") : "");
      Thread.sleep(1000); // let the gateway settle between steps
      if (broke && retried) {
        break;
      }
      if (broke) {
        // A short step's p99 is a few dozen samples: one GC pause or JIT compilation (or another
        // process on these cores) can break it alone, so a rate must break twice in a row.
        retried = true;
        Thread.sleep(2000);
        continue;
      }
      retried = false;
      sustained = rate;
      rate *= factor;
    }
    // The steps are factor apart, so the last that held may be well below what the gateway
    // holds: narrow the gap between it and the rate that broke (geometric midpoints).
    double broken = rate;
    for (int round = 0; round < options.integer("refine-steps", 2) && sustained > 0; round++) {
      Thread.sleep(3000); // let the broken step's queue drain first
      double middle = Math.sqrt(sustained * broken);
      OpenLoopLoad.Result result = load.run(gateway.submissions(), middle, step);
      boolean broke = breaks(result);
      Figures.note(
          "refine %6.1f cases/s: ok %d/%d, p50 %.1f ms, p99 %.1f ms%s",
          middle,
          result.ok(),
          result.sent(),
          result.millis(50),
          result.millis(99),
          broke ? "  <- breaks" : "  holds");
      if (broke) {
        broken = middle;
      } else {
        sustained = middle;
      }
    }
    Thread.sleep(3000); // let the broken step's queue drain before the measured run
    double half = Math.max(1, sustained / 2);
    OpenLoopLoad.Result measured =
        load.run(gateway.submissions(), half, options.seconds("measure-seconds", 20));
    Figures.note(
        "at half, %.1f cases/s: ok %d/%d, p50 %.1f p95 %.1f p99 %.1f max %.1f ms",
        half,
        measured.ok(),
        measured.sent(),
        measured.millis(50),
        measured.millis(95),
        measured.millis(99),
        measured.latency().getMaxValue() / 1000.0);
    Figures.print("intake_cases_per_s", sustained);
    Figures.print("intake_half_rate", half);
    Figures.print("intake_p50_ms", measured.millis(50));
    Figures.print("intake_p95_ms", measured.millis(95));
    Figures.print("intake_p99_ms", measured.millis(99));
    Figures.print("intake_half_errors", measured.sent() - measured.ok());
  }
}
