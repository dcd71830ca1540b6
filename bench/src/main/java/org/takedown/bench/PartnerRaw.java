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
    Thread.sleep(Math.min(3000, millis / 3)); // warm-up of both sides
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(millis);
    long counted = accepted.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    Figures.note(
        "%d clients: %d creates accepted (%d refused) in %.1f s",
        concurrency, counted, refused.get(), seconds);
    Figures.print("partner_raw_per_s", counted / seconds);
  }
}
