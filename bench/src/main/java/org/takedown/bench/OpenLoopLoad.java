package org.takedown.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests at a fixed arrival rate whatever the answers take (open loop), and records each
 * latency from the request's <em>intended</em> send time, so that a server that falls behind shows
 * its queueing in the histogram instead of slowing the load down (no coordinated omission).
 *
 * <p>One thread keeps the schedule and hands each request to a pool of {@value #SENDERS} senders,
 * each making classic blocking calls on its own pooled connection (Apache HttpClient 5). When all
 * are busy a request waits in the hand-over queue, and that wait counts in its latency. The load
 * shares the cores with what it measures, so it is kept cheap: the JDK HttpClient's asynchronous
 * sends cost about as much CPU per case as the gateway itself.
 */
final class OpenLoopLoad implements AutoCloseable {

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

  /** Calls in flight at most: far more than a gateway that keeps up ever needs. */
  static final int SENDERS = 64;

  private final int expectedStatus;
  private final CloseableHttpClient client;
  private final ExecutorService senders;

  OpenLoopLoad(int expectedStatus) {
    this.expectedStatus = expectedStatus;
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(SENDERS)
                    .setMaxConnPerRoute(SENDERS)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.of(REQUEST_TIMEOUT))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(REQUEST_TIMEOUT)).build())
            .disableAutomaticRetries()
            // as the JDK client: no Accept-Encoding, so the gateway spends nothing on gzip
            .disableContentCompression()
            .build();
    this.senders =
        Executors.newFixedThreadPool(
            SENDERS,
            runnable -> {
              Thread thread = new Thread(runnable, "open-loop-sender");
              thread.setDaemon(true);
              return thread;
            });
  }

  Result run(Supplier<ClassicHttpRequest> requests, double perSecond, Duration duration)
      throws InterruptedException {
    return run(requests, perSecond, duration, () -> false);
  }

  /** As {@link #run(Supplier, double, Duration)}, ending early once {@code stop} says so. */
  Result run(
      Supplier<ClassicHttpRequest> requests,
      double perSecond,
      Duration duration,
      BooleanSupplier stop)
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
      ClassicHttpRequest request = requests.get();
      sent++;
      pending.incrementAndGet();
      senders.execute(
          () -> {
            int status = call(request);
            recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
            if (status == expectedStatus) {
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

  /** The answer's status code, or -1 when there was none. */
  private int call(ClassicHttpRequest request) {
    try {
      return client.execute(
          request,
          response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
          });
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    senders.shutdownNow();
    client.close();
  }
}
