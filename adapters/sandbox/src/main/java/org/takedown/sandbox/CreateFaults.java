package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults queued for a simulated partner's next create calls. Each call takes at most one from the
 * queue atomically, so {@code n} queued faults hit exactly {@code n} calls however many arrive at
 * once.
 */
final class CreateFaults {

  /** What happens to one create call. */
  sealed interface CreateFault permits Failure, LostResponse {}

  /** The call is answered with {@code response} and creates nothing. */
  record Failure(ResponseDefinition response) implements CreateFault {}

  /**
   * The call is processed as usual (the partner-side request exists), but the connection is reset
   * instead of answering: the gateway must treat the outcome as unknown and retry.
   */
  record LostResponse() implements CreateFault {}

  private final ConcurrentLinkedQueue<CreateFault> pending = new ConcurrentLinkedQueue<>();

  void failNext(int calls, ResponseDefinition response) {
    queue(calls, new Failure(response));
  }

  void loseNext(int calls) {
    queue(calls, new LostResponse());
  }

  Optional<CreateFault> next() {
    return Optional.ofNullable(pending.poll());
  }

  void clear() {
    pending.clear();
  }

  private void queue(int calls, CreateFault fault) {
    if (calls < 0) {
      throw new IllegalArgumentException("the number of calls must not be negative: " + calls);
    }
    for (int i = 0; i < calls; i++) {
      pending.add(fault);
    }
  }
}
