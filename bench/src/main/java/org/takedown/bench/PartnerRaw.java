package org.takedown.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partner endpoint's own speed: the sandbox's Meta create call driven directly, closed loop, by
 * as many clients as the gateway keeps calls in flight to that partner, as fast as it answers.
 */
final class PartnerRaw {

  private PartnerRaw() {}

  static void run(Options options) throws Exception {
    MetaSandbox meta = new MetaSandbox(options.text("meta"));
    int concurrency = options.integer("concurrency", 4);
    long millis = options.seconds("seconds", 10).toMillis();
    // The client is a fresh JVM that compiles its hot paths first: measured with 8 clients on a
    // warm sandbox, the next 5 s ran at 1,800 calls/s after a 3 s warm-up, 3,400-3,500 after 6 s,
    // 4,800 after 10 s. The warm-up is the same in every mode, so that the quick and the full run
    // divide by the same thing.
    long warmUpMillis = options.seconds("warm-up-seconds", 10).toMillis();
    long sandboxPid = options.integer("sandbox-pid", 0);
    long clientPid = ProcessHandle.current().pid();
    StageCpu cpu =
        sandboxPid <= 0
            ? null
            : new StageCpu()
                .with("sandbox", () -> ProcessCpu.seconds(sandboxPid))
                .with("client", () -> ProcessCpu.seconds(clientPid));
    Drive drive = drive(meta, concurrency, warmUpMillis, millis, cpu);
    Figures.note(
        "%d clients: %d creates accepted (%d refused) in %.1f s, after a %.0f s warm-up",
        concurrency, drive.accepted(), drive.refused(), drive.seconds(), warmUpMillis / 1e3);
    Figures.print("partner_raw_per_s", drive.accepted() / drive.seconds());
    if (cpu != null) {
      cpu.printPerCall("raw", drive.cpuFrom(), drive.cpuTo(), drive.accepted());
    }
  }

  /**
   * Drives the create endpoint for {@code --seconds} while it answers 503 (the outage stage's
   * answer), then as long while it answers normally: the sandbox stands in for Meta, and its JVM
   * compiles the code of whatever it answers. Without this, the outage stage's 503s made its JVM
   * drop compiled code that its normal answers run, and the first seconds after Meta's return cost
   * the sandbox 0.42 ms of CPU per request instead of 0.15, all counted against the gateway's
   * drain.
   */
  static void warmUp(Options options) throws Exception {
    MetaSandbox meta = new MetaSandbox(options.text("meta"));
    int concurrency = options.integer("concurrency", 8);
    long millis = options.seconds("seconds", 5).toMillis();
    String outage = meta.down();
    Drive down;
    try {
      down = drive(meta, concurrency, 0, millis, null);
    } finally {
      meta.up(outage);
    }
    Drive up = drive(meta, concurrency, 0, millis, null);
    Figures.note(
        "sandbox warmed up: %d answers 503, then %d accepted", down.refused(), up.accepted());
    if (up.accepted() == 0 || down.refused() == 0) {
      throw new IllegalStateException("the sandbox did not answer as expected: " + down + up);
    }
  }

  /** What {@link #drive} counted, and the CPU readings at the start and end of its count. */
  record Drive(
      long accepted,
      long refused,
      double seconds,
      StageCpu.Reading cpuFrom,
      StageCpu.Reading cpuTo) {}

  /**
   * Calls the create endpoint from {@code concurrency} threads, closed loop; counts after a
   * warm-up, and reads {@code cpu} (if given) over the same window.
   */
  private static Drive drive(
      MetaSandbox meta, int concurrency, long warmUpMillis, long millis, StageCpu cpu)
      throws InterruptedException {
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      Thread thread =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    HttpResponse<Void> response =
                        http.send(
                            meta.create(UUID.randomUUID().toString()),
                            HttpResponse.BodyHandlers.discarding());
                    if (counting.get()) {
                      (response.statusCode() == 200 ? accepted : refused).incrementAndGet();
                    }
                  } catch (Exception e) {
                    refused.incrementAndGet();
                  }
                }
              },
              "partner-raw-" + c);
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(warmUpMillis);
    StageCpu.Reading cpuFrom = cpu == null ? null : cpu.read();
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(millis);
    long counted = accepted.get();
    StageCpu.Reading cpuTo = cpu == null ? null : cpu.read();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    return new Drive(counted, refused.get(), seconds, cpuFrom, cpuTo);
  }
}
