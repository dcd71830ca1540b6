package org.takedown.gateway;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The gateway's one source of time, replaced in tests that need to move it. */
@Factory
class ClockFactory {

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
