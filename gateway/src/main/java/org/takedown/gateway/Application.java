package org.takedown.gateway;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.startup.GatewayLauncher;
import org.takedown.gateway.startup.StandIns;
import org.takedown.gateway.startup.StartRefused;

/**
 * Starts the production gateway: every service (database, token issuer, partners) must be
 * configured, and nothing is stood in for. The local build ({@code gateway/local}) starts the same
 * gateway through {@link #run} with stand-ins.
 */
public final class Application {

  /** sysexits' EX_CONFIG: the process stopped on its configuration, not on a crash. */
  static final int CONFIGURATION_ERROR = 78;

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private Application() {}

  public static void main(String[] args) {
    run(args, Optional.empty());
  }

  /**
   * Starts the gateway, or ends the process with one error line when its configuration is short.
   */
  public static void run(String[] args, Optional<StandIns> standIns) {
    GatewayLauncher.Launched launched;
    try {
      launched = GatewayLauncher.launch(args, standIns);
    } catch (StartRefused e) {
      LOG.error(e.getMessage());
      System.exit(CONFIGURATION_ERROR);
      return;
    }
    // the gateway stops before its stand-ins, so that nothing it still does meets a stopped
    // database
    Runtime.getRuntime().addShutdownHook(new Thread(launched::close, "gateway-stop"));
  }
}
