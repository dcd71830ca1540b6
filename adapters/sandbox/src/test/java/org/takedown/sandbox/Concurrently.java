package org.takedown.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs calls on many threads released at once, to make them overlap at the server. */
final class Concurrently {

  /** One call of a concurrent batch; {@code index} tells the calls apart. */
  @FunctionalInterface
  interface Call<T> {
    T run(int index) throws Exception;
  }

  private Concurrently() {}

  /** Runs {@code calls} calls, each on its own thread, and returns their results in order. */
  static <T> List<T> run(int calls, Call<T> call) throws Exception {
    return run(calls, calls, call);
  }

  /** Runs {@code calls} calls on {@code threads} threads, and returns their results in order. */
  static <T> List<T> run(int calls, int threads, Call<T> call) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  return call.run(index);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }
}
