package org.takedown.gateway.console.signin;

import java.time.Clock;
import java.time.Duration;

/** The gateway's own session sealing, outside a gateway: for tests' clients (TestConsole). */
public final class TestSessions {

  private TestSessions() {}

  /** Sessions sealed with {@code secret}, as a gateway configured with it seals them. */
  public static ConsoleSessions sealedWith(String secret) {
    return new ConsoleSessions(
        new ConsoleSessionProperties(secret, Duration.ofHours(8), false), Clock.systemUTC());
  }
}
