package org.takedown.gateway.localrun.console;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the console's journeys one {@link LocalRun} for the whole test JVM: the first journey that
 * asks for it starts it, and JUnit closes it once every test has run (it lives in the root store).
 * A local run takes longer to start than a journey takes to run; the journeys share it safely
 * because each submits its own cases and finds its rows by their ids, never by position or count.
 */
final class SharedLocalRun implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedLocalRun.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalRun.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalRun.class, type -> LocalRun.start(), LocalRun.class);
  }
}
