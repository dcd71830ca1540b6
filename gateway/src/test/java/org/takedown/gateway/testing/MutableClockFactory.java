package org.takedown.gateway.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.takedown.testing.MutableClock;

/**
 * Replaces the gateway's clock with a {@link MutableClock} where a test sets {@code
 * test.mutable-clock}.
 */
@Factory
@Requires(property = "test.mutable-clock", value = "true")
class MutableClockFactory {

  @Singleton
  @Replaces(Clock.class)
  MutableClock clock() {
    return new MutableClock(Instant.now());
  }
}
