package org.takedown.gateway.startup;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The run mode of a gateway started without {@link GatewayLauncher} (an application context built
 * directly, as tests do): decided by the same rule, with nothing stood in for by a launcher.
 */
@Factory
class RunModeFactory {

  @Singleton
  @Requires(missingBeans = RunMode.class)
  RunMode unlaunched(Environment environment) {
    return new RunMode(StartPlan.of(environment, Service.all()).mode(), Map.of());
  }
}
