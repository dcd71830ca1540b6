package org.takedown.bench;

/**
 * Stages 2 and 3: watches a backlog go out, started before the dispatching gateways are. The rate
 * is taken between 10% and 90% of the backlog SUBMITTED, so that neither the gateways' start nor
 * the last stragglers weigh on it.
 */
final class AwaitDispatch {

  private AwaitDispatch() {}

  static void run(Options options) throws Exception {
    String prefix = options.text("prefix", "dispatch");
    long timeoutNanos = options.seconds("timeout-seconds", 600).toNanos();
    try (RequestCounts counts = new RequestCounts(options.text("jdbc"))) {
      RequestCounts.Counts now = counts.read();
      long total = now.total();
      long low = Math.round(total * 0.1);
      long high = Math.round(total * 0.9);
      long start = System.nanoTime();
      long atLow = -1;
      long atHigh = -1;
      long done = -1;
      while (System.nanoTime() - start < timeoutNanos) {
        now = counts.read();
        long t = System.nanoTime();
        if (atLow < 0 && now.submitted() >= low) {
          atLow = t;
        }
        if (atHigh < 0 && now.submitted() >= high) {
          atHigh = t;
        }
        if (now.submitted() + now.failed() >= total) {
          done = t;
          break;
        }
        Thread.sleep(50);
      }
      if (done < 0 || atHigh <= atLow) {
        throw new IllegalStateException(
            "dispatch did not finish: " + now + " of " + total + " after the timeout");
      }
      double rate = (high - low) / ((atHigh - atLow) / 1e9);
      Figures.note(
          "%d requests: %d SUBMITTED, %d FAILED; all out %.1f s after the watch began;"
              + " %.0f requests/s between 10%% and 90%%",
          total, now.submitted(), now.failed(), (done - start) / 1e9, rate);
      Figures.print(prefix + "_requests", total);
      Figures.print(prefix + "_failed", now.failed());
      Figures.print(prefix + "_per_s", rate);
    }
  }
}
