package org.takedown.gateway.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a uniform random time up to {@code min(max,
 * base * 2^(n-1))}, so that many requests failing together do not retry together. A partner's own
 * delay hint is a floor.
 */
final class Backoff {

  private final Duration base;
  private final Duration max;

  Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  Duration after(int attempt, Optional<Duration> hint) {
    long ceiling = ceilingMillis(attempt);
    long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
    long floor = hint.map(Duration::toMillis).orElse(0L);
    return Duration.ofMillis(Math.max(jittered, floor));
  }

  long ceilingMillis(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = base.toMillis() << doublings;
    return Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, max.toMillis());
  }
}
