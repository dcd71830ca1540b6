package org.takedown.gateway.localrun;

import java.util.Optional;
import org.takedown.gateway.Application;

/**
 * Starts the local build of the gateway: the production gateway, plus stand-ins for whatever a
 * local run leaves unconfigured (GATEWAY-API.md "Configuration", local mode). Configured services
 * are used as they are; outside local mode this build behaves exactly as the production one.
 */
public final class LocalApplication {

  /** The log format a developer reads, unless one was chosen: production logs JSON lines. */
  static final String LOG_FORMAT = "GATEWAY_LOG_FORMAT";

  private LocalApplication() {}

  public static void main(String[] args) {
    // before the first logger exists: logback reads it once, when it configures itself
    if (System.getProperty(LOG_FORMAT) == null && System.getenv(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "text");
    }
    Application.run(args, Optional.of(LocalServices.standIns()));
  }
}
