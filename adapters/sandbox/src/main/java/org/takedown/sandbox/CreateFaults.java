package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults queued for a simulated partner's next create calls. Each call takes at most one from the
 * queue atomically, so {@code n} queued faults hit exactly {@code n} calls however many arrive at
 * once. A fault aimed at one call (its body mentions a given text, such as the content's URL) is
 * taken only by that call, whatever else the gateway sends meanwhile: a retry still in flight from
 * an earlier test cannot take it.
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

  /** A fault for the first create call whose body contains {@code mention}. */
  private record Aimed(String mention, CreateFault fault) {}

  private final ConcurrentLinkedQueue<CreateFault> pending = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Aimed> aimed = new ConcurrentLinkedQueue<>();

  void failNext(int calls, ResponseDefinition response) {
    queue(calls, new Failure(response));
  }

  void loseNext(int calls) {
    queue(calls, new LostResponse());
  }

  void failNextMentioning(String mention, ResponseDefinition response) {
    if (mention.isEmpty()) {
      throw new IllegalArgumentException("a fault aimed at a call needs a text to look for");
    }
    aimed.add(new Aimed(mention, new Failure(response)));
  }

  /** The fault for a create call with {@code body}: one aimed at it first, else the next queued. */
  Optional<CreateFault> next(String body) {
    for (Aimed candidate : aimed) {
      // remove() succeeds for one caller only: two calls mentioning the text take one fault
      if (body.contains(candidate.mention()) && aimed.remove(candidate)) {
        return Optional.of(candidate.fault());
      }
    }
    return Optional.ofNullable(pending.poll());
  }

  void clear() {
    pending.clear();
    aimed.clear();
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
