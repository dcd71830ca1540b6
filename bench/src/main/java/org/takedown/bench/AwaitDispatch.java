package org.takedown.bench;

/**
 * Stages 2 and 3: watches a backlog go out, started before the dispatching gateways are. The rate
 * is taken between 10% and 90% of the backlog SUBMITTED, so that neither the gateways' start nor
 * the last stragglers weigh on it; with {@code --start-when FILE}, from the moment that file
 * appears (bench/run creates it once every gateway answers /health) to 90%.
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
      String startFile = options.text("start-when", "");
      if (!startFile.isEmpty()) {
        while (!java.nio.file.Files.exists(java.nio.file.Path.of(startFile))) {
          if (System.nanoTime() - start > timeoutNanos) {
            throw new IllegalStateException("no " + startFile + " before the timeout");
          }
          Thread.sleep(10);
        }
        low = counts.read().submitted();
        if (low >= high) {
          throw new IllegalStateException(
              "the backlog was 90% out before every gateway was ready; make it larger");
        }
      }
      long atLow = startFile.isEmpty() ? -1 : System.nanoTime();
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
              + " %.0f requests/s from %d to %d SUBMITTED",
          total, now.submitted(), now.failed(), (done - start) / 1e9, rate, low, high);
      Figures.print(prefix + "_requests", total);
      Figures.print(prefix + "_failed", now.failed());
      Figures.print(prefix + "_per_s", rate);
    }
  }
}
