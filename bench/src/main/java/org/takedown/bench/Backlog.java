package org.takedown.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a dispatch backlog through the intake API of a gateway that does not dispatch: Meta-only
 * cases of the usual mix, submitted by a few clients as fast as the gateway takes them, until at
 * least the requested number of requests is stored.
 */
final class Backlog {

  private Backlog() {}

  static void run(Options options) throws Exception {
    int wanted = options.integer("requests", 20_000);
    int clients = options.integer("clients", 8);
    CaseMix mix = new CaseMix(CaseMix.Partners.META, options.text("run-id", "backlog"));
    GatewayClient gateway = new GatewayClient(options.text("gateway"), options.text("token"), mix);
    AtomicInteger claimed = new AtomicInteger();
    AtomicInteger stored = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      SplittableRandom random = new SplittableRandom(1000 + c);
      Thread thread =
          new Thread(
              () -> {
                while (claimed.get() < wanted) {
                  CaseMix.Submission submission = mix.next(random);
                  claimed.addAndGet(submission.items());
                  try {
                    HttpResponse<String> response =
                        GatewayClient.HTTP.send(
                            gateway.submission(submission), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                      throw new IllegalStateException(
                          "intake answered " + response.statusCode() + ": " + response.body());
                    }
                    stored.addAndGet(submission.items());
                  } catch (Exception e) {
                    synchronized (failures) {
                      failures.add(e.toString());
                    }
                    return;
                  }
                }
              },
              "backlog-" + c);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("backlog incomplete: " + failures.get(0));
    }
    Figures.note(
        "backlog: %d requests stored in %.1f s", stored.get(), (System.nanoTime() - start) / 1e9);
    Figures.print("backlog_requests", stored.get());
  }
}
