package org.takedown.gateway.startup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.Application;

/**
 * Starts the gateway as its configuration says (GATEWAY-API.md "Configuration"): it decides the
 * mode before anything starts, refuses a configuration that names a service without completing it
 * (or, in production mode, any missing service) with one message, starts the stand-ins of a local
 * run, and says in its first log line which mode runs and what stands in for what.
 */
public final class GatewayLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayLauncher.class);

  private GatewayLauncher() {}

  /**
   * Starts the gateway with {@code args} (Micronaut's {@code --key=value} command line) over the
   * environment and {@code application.yml}.
   *
   * @param standIns what may stand in for unconfigured services; empty in the production build
   * @throws StartRefused when the configuration does not allow a start; nothing was started
   */
  public static Launched launch(String[] args, Optional<StandIns> standIns) {
    StartPlan plan;
    try (ApplicationContext probe = ApplicationContext.builder().args(args).build()) {
      Environment config = probe.getEnvironment().start();
      plan = StartPlan.of(config, Service.all());
      Optional<String> refusal = plan.refusal(standIns.isPresent());
      if (refusal.isPresent()) {
        throw new StartRefused(refusal.get());
      }
      announce(plan);
      StandIns.Started started =
          plan.standIns().isEmpty()
              ? NOTHING_STARTED
              : standIns.get().start(plan.standIns(), config);
      return start(args, plan, started);
    }
  }

  private static Launched start(String[] args, StartPlan plan, StandIns.Started started) {
    try {
      RunMode mode = new RunMode(plan.mode(), started.descriptions());
      ApplicationContext context =
          Micronaut.build(args)
              .mainClass(Application.class)
              // the log is JSON lines; an ASCII-art banner on stdout would break its parsing
              .banner(false)
              .properties(Map.copyOf(started.properties()))
              .singletons(mode)
              .start();
      started.attach(context);
      if (!mode.standIns().isEmpty()) {
        LOG.warn(
            "Local mode stand-ins: {}",
            mode.standIns().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      return new Launched(context, started);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** The first line of the log: which mode, why, and what will be stood in for. */
  private static void announce(StartPlan plan) {
    if (plan.mode() == RunMode.Mode.PRODUCTION) {
      LOG.info(
          "Production mode ({}): the database, token issuer and partners are the configured ones",
          plan.reason());
    } else if (plan.standIns().isEmpty()) {
      LOG.warn("Local mode ({}): every service is configured, none is stood in for", plan.reason());
    } else {
      List<String> names = plan.standIns().stream().map(Service::name).toList();
      LOG.warn(
          "Local mode ({}): stand-ins for {}. Not for real requests: configure the services"
              + " (docs/operations.md, \"Running in production\")",
          plan.reason(),
          String.join(", ", names));
    }
  }

  private static final StandIns.Started NOTHING_STARTED =
      new StandIns.Started() {
        @Override
        public Map<String, Object> properties() {
          return Map.of();
        }

        @Override
        public Map<String, String> descriptions() {
          return Map.of();
        }

        @Override
        public void attach(ApplicationContext gateway) {}

        @Override
        public void close() {}
      };

  /** A running gateway and its stand-ins; closing stops both. */
  public record Launched(ApplicationContext context, StandIns.Started standIns)
      implements AutoCloseable {

    /**
     * Stops the gateway, then its stand-ins. The server is stopped first, as Micronaut's own
     * shutdown hook does (it locks the server, then the context): closing the context first, while
     * that hook runs, would take the two locks in the other order and deadlock the JVM's exit.
     */
    @Override
    public void close() {
      try {
        context.findBean(EmbeddedApplication.class).ifPresent(EmbeddedApplication::stop);
        context.close();
      } finally {
        standIns.close();
      }
    }
  }
}
