package org.takedown.gateway.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.gateway.tracking.PartnerCallGate;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;

/**
 * Runs one delivery lane per configured partner for as long as the application runs, each within
 * its partner's own {@link PartnerBudget}.
 */
@Singleton
public final class PartnerLanes implements PartnerCallGate {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerLanes.class);

  private final List<PlatformAdapter> adapters;
  private final DispatchDueRequests dispatch;
  private final DispatchProperties properties;
  private final Environment environment;
  private final Clock clock;
  private final Map<Platform, PartnerBudget> budgets = new EnumMap<>(Platform.class);
  private final Map<Platform, PartnerLane> lanes = new EnumMap<>(Platform.class);
  private final Map<Platform, PartnerCallMeters> meters = new EnumMap<>(Platform.class);

  PartnerLanes(
      List<PlatformAdapter> adapters,
      DispatchDueRequests dispatch,
      DispatchProperties properties,
      Environment environment,
      MeterRegistry meters,
      List<PartnerDispatchProperties> partners,
      Clock clock) {
    this.adapters = adapters;
    this.dispatch = dispatch;
    this.properties = properties;
    this.environment = environment;
    this.clock = clock;
    for (PlatformAdapter adapter : adapters) {
      Platform platform = adapter.platform();
      PartnerDispatchProperties settings =
          partners.stream()
              .filter(p -> p.platform() == platform)
              .findFirst()
              .orElseGet(() -> PartnerDispatchProperties.defaults(platform));
      PartnerBudget budget =
          new PartnerBudget(
              platform,
              settings.limits(properties.concurrency()),
              properties.unauthorizedPause(),
              clock);
      budgets.put(platform, budget);
      this.meters.put(platform, new PartnerCallMeters(meters, platform, budget));
    }
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!properties.enabled()) {
      LOG.info("dispatch disabled (gateway.dispatch.enabled=false): nothing is sent from here");
      return;
    }
    adapters.forEach(this::requireLeaseOutlastsCalls);
    Optional<String> owner = instanceId();
    owner.ifPresent(this::takeBackLeftLeases);
    synchronized (lanes) {
      for (PlatformAdapter adapter : adapters) {
        Platform platform = adapter.platform();
        PartnerBudget budget = budgets.get(platform);
        PartnerLane lane =
            new PartnerLane(
                adapter,
                dispatch,
                budget,
                meters.get(platform),
                owner.orElse(null),
                budget.bulkhead().getBulkheadConfig().getMaxConcurrentCalls(),
                properties.pollInterval(),
                clock);
        lanes.put(platform, lane);
        lane.start();
      }
    }
    LOG.info("dispatching to {} as {}", lanes.keySet(), owner.orElse("an unnamed instance"));
  }

  @EventListener
  void onRequestsQueued(RequestsQueued event) {
    synchronized (lanes) {
      event.platforms().stream().map(lanes::get).filter(l -> l != null).forEach(PartnerLane::wake);
    }
  }

  /** True when this instance runs a delivery lane for {@code platform}. */
  public boolean dispatches(Platform platform) {
    synchronized (lanes) {
      return lanes.containsKey(platform);
    }
  }

  /** True while {@code platform} refuses the gateway's credentials and is left alone. */
  public boolean isPaused(Platform platform) {
    PartnerBudget budget = budgets.get(platform);
    return budget != null && budget.isPaused();
  }

  /** The state of this instance's circuit breaker for {@code platform}; empty if not configured. */
  public Optional<CircuitBreaker.State> circuit(Platform platform) {
    return Optional.ofNullable(budgets.get(platform)).map(PartnerBudget::circuit);
  }

  @Override
  public boolean tryCall(Platform platform) {
    PartnerBudget budget = budgets.get(platform);
    return budget == null || budget.tryStatusCall();
  }

  /** The partner's breaker, rate limiter and bulkhead, for metrics. */
  Map<Platform, PartnerBudget> budgets() {
    return Collections.unmodifiableMap(budgets);
  }

  /**
   * Ends a pause for bad credentials at once (an administrator rotated them); false when the
   * partner is not configured.
   */
  public boolean resume(Platform platform) {
    PartnerBudget budget = budgets.get(platform);
    if (budget == null) {
      return false;
    }
    budget.resume();
    synchronized (lanes) {
      Optional.ofNullable(lanes.get(platform)).ifPresent(PartnerLane::wake);
    }
    return true;
  }

  /**
   * {@link #resume(Platform)} on behalf of {@code admin} (their {@code sub}), logged: what the
   * admin API and the console's partners page both call.
   */
  public boolean resume(Platform platform, String admin) {
    if (!resume(platform)) {
      return false;
    }
    LOG.warn("{} resumed by {}", platform, admin);
    return true;
  }

  @PreDestroy
  void stop() {
    synchronized (lanes) {
      lanes.values().forEach(lane -> lane.stop(Duration.ofSeconds(5)));
      lanes.clear();
    }
  }

  /**
   * The configured instance id; else {@code <host>:<port>} when the port is fixed, since two live
   * instances cannot share both; else none.
   */
  private Optional<String> instanceId() {
    if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
      return Optional.of(properties.instanceId());
    }
    int port = environment.getProperty("micronaut.server.port", Integer.class, 8080);
    if (port <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName() + ":" + port);
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).map(host -> host + ":" + port);
    }
  }

  private void takeBackLeftLeases(String owner) {
    try {
      int released = dispatch.releaseLeasesOf(owner);
      if (released > 0) {
        LOG.warn(
            "{} requests were leased by a previous run of {} that did not finish them; they are"
                + " sent again now with their same references",
            released,
            owner);
      }
    } catch (RuntimeException e) {
      // the leases expire on their own; starting matters more
      LOG.warn("could not take back the leases of {}: {}", owner, LoggedFailure.of(e).describe());
    }
  }

  /**
   * A lease shorter than the longest partner call lets a second dispatcher send the same request
   * while the first still waits for its answer: refuse to start with such a configuration. The
   * adapter says how long its longest call can take; the gateway reads none of its settings.
   */
  private void requireLeaseOutlastsCalls(PlatformAdapter adapter) {
    Duration longestCall = adapter.longestCall();
    if (properties.lease().compareTo(longestCall) <= 0) {
      throw new IllegalStateException(
          "gateway.dispatch.lease ("
              + properties.lease()
              + ") must be longer than the longest "
              + adapter.platform()
              + " call ("
              + longestCall
              + ", from its connect and read timeouts)");
    }
  }
}
