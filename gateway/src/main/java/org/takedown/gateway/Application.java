package org.takedown.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;
import org.takedown.gateway.localrun.LocalServices;

/**
 * Starts the gateway. Whatever is not configured (database, partners, token issuer) is started
 * locally first, so that a fresh machine runs the whole gateway with no external service.
 */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    LocalServices local = LocalServices.startMissing(args);
    ApplicationContext context =
        Micronaut.build(args)
            .mainClass(Application.class)
            .properties(Map.copyOf(local.properties()))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(local::close, "local-services-stop"));
    local.attach(context);
  }
}
