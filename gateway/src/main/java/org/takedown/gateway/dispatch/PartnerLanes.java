package org.takedown.gateway.dispatch;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;

/** Runs one delivery lane per configured partner for as long as the application runs. */
@Singleton
public final class PartnerLanes {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerLanes.class);
  // a partner call may be: token fetch + call, then once more after a refused token
  private static final int CALLS_PER_DELIVERY = 4;

  private final List<PlatformAdapter> adapters;
  private final DispatchDueRequests dispatch;
  private final DispatchProperties properties;
  private final Environment environment;
  private final Map<Platform, PartnerLane> lanes = new EnumMap<>(Platform.class);

  PartnerLanes(
      List<PlatformAdapter> adapters,
      DispatchDueRequests dispatch,
      DispatchProperties properties,
      Environment environment) {
    this.adapters = adapters;
    this.dispatch = dispatch;
    this.properties = properties;
    this.environment = environment;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!properties.enabled()) {
      LOG.info("dispatch disabled (gateway.dispatch.enabled=false): nothing is sent from here");
      return;
    }
    synchronized (lanes) {
      for (PlatformAdapter adapter : adapters) {
        requireLeaseOutlastsCalls(adapter.platform());
        PartnerLane lane = new PartnerLane(adapter, dispatch, properties);
        lanes.put(adapter.platform(), lane);
        lane.start();
      }
    }
    LOG.info("dispatching to {}", lanes.keySet());
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

  /** True while {@code platform} refused the gateway's credentials and is left alone. */
  public boolean isPaused(Platform platform) {
    synchronized (lanes) {
      PartnerLane lane = lanes.get(platform);
      return lane != null && lane.isPaused();
    }
  }

  @PreDestroy
  void stop() {
    synchronized (lanes) {
      lanes.values().forEach(lane -> lane.stop(Duration.ofSeconds(5)));
      lanes.clear();
    }
  }

  /**
   * A lease shorter than the longest partner call lets a second dispatcher send the same request
   * while the first still waits for its answer: refuse to start with such a configuration.
   */
  private void requireLeaseOutlastsCalls(Platform platform) {
    String prefix = "gateway.partners." + platform.name().toLowerCase() + ".";
    Duration connect =
        environment.getProperty(prefix + "connect-timeout", Duration.class, Duration.ofSeconds(5));
    Duration read =
        environment.getProperty(prefix + "read-timeout", Duration.class, Duration.ofSeconds(10));
    Duration longestDelivery = connect.plus(read).multipliedBy(CALLS_PER_DELIVERY);
    if (properties.lease().compareTo(longestDelivery) <= 0) {
      throw new IllegalStateException(
          "gateway.dispatch.lease ("
              + properties.lease()
              + ") must be longer than "
              + CALLS_PER_DELIVERY
              + " x ("
              + prefix
              + "connect-timeout + read-timeout) = "
              + longestDelivery);
    }
  }
}
