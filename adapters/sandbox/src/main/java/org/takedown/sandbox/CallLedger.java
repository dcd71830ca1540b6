package org.takedown.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls of one kind (creates, extensions) a simulated partner received, in total and per
 * gateway reference, whatever answered them: the simulator, an injected fault or a stub a test
 * added.
 */
final class CallLedger {

  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> byReference = new ConcurrentHashMap<>();

  /** Records one call; {@code reference} is {@code null} when the call names no known request. */
  void record(String reference) {
    total.incrementAndGet();
    if (reference != null) {
      byReference.computeIfAbsent(reference, ref -> new AtomicInteger()).incrementAndGet();
    }
  }

  int total() {
    return total.get();
  }

  int callsFor(String reference) {
    AtomicInteger calls = byReference.get(reference);
    return calls == null ? 0 : calls.get();
  }

  Set<String> references() {
    return Set.copyOf(byReference.keySet());
  }

  void clear() {
    byReference.clear();
    total.set(0);
  }
}
