package org.takedown.gateway.startup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.value.PropertyResolver;
import java.util.List;
import java.util.Map;

/**
 * What can stand in for services that a local run leaves unconfigured. The production build has
 * none; the local build ({@code gateway/local}) provides an embedded PostgreSQL, the partner
 * sandbox, a development token issuer and a development identity provider for the console.
 */
@FunctionalInterface
public interface StandIns {

  /**
   * Starts a stand-in for each of {@code services}, configured from {@code config} (data directory,
   * ports). On failure, whatever was started is stopped before the exception leaves.
   */
  Started start(List<Service> services, PropertyResolver config);

  /** Running stand-ins. */
  interface Started extends AutoCloseable {

    /** The properties that point the gateway at the stand-ins. */
    Map<String, Object> properties();

    /** Service name to what stands in for it, e.g. {@code meta} to the sandbox's address. */
    Map<String, String> descriptions();

    /** Called once the gateway runs: stand-ins that call it back learn where it is. */
    void attach(ApplicationContext gateway);

    @Override
    void close();
  }
}
