package org.takedown.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed arrival rate whatever the answers take (open loop), and records each
 * latency from the request's <em>intended</em> send time, so that a server that falls behind shows
 * its queueing in the histogram instead of slowing the load down (no coordinated omission).
 */
final class OpenLoopLoad {

  /** What one run at one rate measured. Latencies in microseconds. */
  record Result(double rate, long sent, long ok, long failed, double seconds, Histogram latency) {

    double errorFraction() {
      return sent == 0 ? 0 : (double) failed / sent;
    }

    double okPerSecond() {
      return ok / seconds;
    }

    double millis(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final int expectedStatus;

  OpenLoopLoad(HttpClient client, int expectedStatus) {
    this.client = client;
    this.expectedStatus = expectedStatus;
  }

  Result run(Supplier<HttpRequest> requests, double perSecond, Duration duration)
      throws InterruptedException {
    return run(requests, perSecond, duration, () -> false);
  }

  /** As {@link #run(Supplier, double, Duration)}, ending early once {@code stop} says so. */
  Result run(
      Supplier<HttpRequest> requests, double perSecond, Duration duration, BooleanSupplier stop)
      throws InterruptedException {
    long total = Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
    double intervalNanos = 1e9 / perSecond;
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong pending = new AtomicLong();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long sent = 0;
    for (long i = 0; i < total && !stop.getAsBoolean(); i++) {
      long intended = start + (long) (i * intervalNanos);
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request = requests.get();
      sent++;
      pending.incrementAndGet();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                long micros = Math.max(1, (System.nanoTime() - intended) / 1000);
                recorder.recordValue(micros);
                if (error == null && response.statusCode() == expectedStatus) {
                  ok.incrementAndGet();
                }
                pending.decrementAndGet();
              });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long patience = System.nanoTime() + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(5);
    while (pending.get() > 0 && System.nanoTime() < patience) {
      Thread.sleep(10);
    }
    return new Result(
        perSecond, sent, ok.get(), sent - ok.get(), seconds, recorder.getIntervalHistogram());
  }
}
