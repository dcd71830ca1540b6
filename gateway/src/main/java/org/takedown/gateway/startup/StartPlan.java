package org.takedown.gateway.startup;

import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a start will run, decided from the configuration alone (GATEWAY-API.md "Configuration"):
 * local mode when {@code gateway.local.enabled} is true, or when it is unset and no service is
 * configured; production mode otherwise. Local mode stands in for each service that is not
 * configured; production mode stands in for nothing. In both, a service that is configured must be
 * complete, so a typo in one property never sends real requests to a stand-in.
 *
 * @param reason why this mode, for the log and for a refusal
 * @param standIns the services to stand in for (none in production mode)
 * @param missing every required property that is not set, in the order of the services
 */
public record StartPlan(
    RunMode.Mode mode, String reason, List<Service> standIns, List<String> missing) {

  /** Forces local mode ({@code true}) or forbids it ({@code false}). */
  public static final String LOCAL_ENABLED = "gateway.local.enabled";

  public StartPlan {
    standIns = List.copyOf(standIns);
    missing = List.copyOf(missing);
  }

  public static StartPlan of(PropertyResolver config, List<Service> allServices) {
    List<Service> services = allServices.stream().filter(s -> s.neededBy(config)).toList();
    List<Service> configured =
        services.stream().filter(s -> isSet(config, s.namingProperty())).toList();
    Optional<Boolean> forced = config.getProperty(LOCAL_ENABLED, Boolean.class);
    RunMode.Mode mode;
    String reason;
    if (forced.isPresent()) {
      mode = forced.get() ? RunMode.Mode.LOCAL : RunMode.Mode.PRODUCTION;
      reason = LOCAL_ENABLED + " is " + forced.get();
    } else if (configured.isEmpty()) {
      mode = RunMode.Mode.LOCAL;
      reason = "nothing is configured";
    } else {
      mode = RunMode.Mode.PRODUCTION;
      reason =
          configured.stream().map(Service::namingProperty).collect(Collectors.joining(", "))
              + (configured.size() == 1 ? " is set" : " are set");
    }
    List<Service> standIns = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Service service : services) {
      if (mode == RunMode.Mode.LOCAL && !configured.contains(service)) {
        standIns.add(service);
        continue;
      }
      service.requiredProperties().stream().filter(p -> !isSet(config, p)).forEach(missing::add);
    }
    return new StartPlan(mode, reason, standIns, missing);
  }

  /** A blank value (an environment variable set to nothing) counts as unset. */
  private static boolean isSet(PropertyResolver config, String property) {
    return config.getProperty(property, String.class).filter(v -> !v.isBlank()).isPresent();
  }

  /** Why this plan cannot start, when it cannot: one message naming every missing property. */
  Optional<String> refusal(boolean standInsAvailable) {
    if (!missing.isEmpty()) {
      return Optional.of(
          "The gateway cannot start in %s mode (%s): %s not set: %s.%s"
              .formatted(
                  mode.label(),
                  reason,
                  missing.size() == 1
                      ? "1 required property is"
                      : missing.size() + " required properties are",
                  missing.stream().map(StartPlan::withVariable).collect(Collectors.joining(", ")),
                  mode == RunMode.Mode.PRODUCTION
                      ? " Outside local mode nothing is stood in for; set "
                          + LOCAL_ENABLED
                          + "=true for a local run with stand-ins."
                      : " A service that is configured is never stood in for."));
    }
    if (mode == RunMode.Mode.LOCAL && !standInsAvailable) {
      List<String> unset = standIns.stream().flatMap(s -> s.requiredProperties().stream()).toList();
      String configure =
          unset.isEmpty()
              ? " Leave gateway.local.enabled unset."
              : " Configure %d properties: %s."
                  .formatted(
                      unset.size(),
                      unset.stream()
                          .map(StartPlan::withVariable)
                          .collect(Collectors.joining(", ")));
      return Optional.of(
          ("The gateway would run in local mode (%s), but this is the production build: it has no"
                  + " local mode and holds no stand-ins (no embedded PostgreSQL, partner sandbox or"
                  + " development token issuer or identity provider).%s Run takedown-gateway-local.jar"
                  + " for a local run.")
              .formatted(reason, configure));
    }
    return Optional.empty();
  }

  /** {@code gateway.auth.issuer (GATEWAY_AUTH_ISSUER)}: operators mostly set the variable. */
  static String withVariable(String property) {
    return property
        + " ("
        + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
        + ")";
  }
}
