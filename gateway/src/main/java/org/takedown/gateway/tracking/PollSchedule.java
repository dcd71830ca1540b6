package org.takedown.gateway.tracking;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.takedown.platform.Platform;

/**
 * When each partner is next asked about a request: soon after a change, then less often as it ages.
 */
@Singleton
public final class PollSchedule {

  private final PollingProperties properties;
  private final Map<Platform, Duration> firstAfter = new EnumMap<>(Platform.class);
  private final Map<Platform, Duration> maxInterval = new EnumMap<>(Platform.class);

  PollSchedule(PollingProperties properties, Environment environment) {
    this.properties = properties;
    for (Platform platform : Platform.values()) {
      String prefix = "gateway.polling." + platform.name().toLowerCase() + ".";
      firstAfter.put(
          platform,
          environment
              .getProperty(prefix + "first-after", Duration.class)
              .orElse(properties.firstAfter()));
      maxInterval.put(
          platform,
          environment
              .getProperty(prefix + "max-interval", Duration.class)
              .orElse(properties.maxInterval()));
    }
  }

  /** The first poll after a delivery or an applied update. */
  public Instant firstPoll(Platform platform, Instant now) {
    return now.plus(firstAfter.get(platform));
  }

  /** The next poll of a request created at {@code createdAt}, after a poll at {@code now}. */
  public Instant nextPoll(Platform platform, Instant createdAt, Instant now) {
    long ageMillis = Math.max(0, Duration.between(createdAt, now).toMillis());
    long interval = (long) (ageMillis * properties.ageFraction());
    long floor = firstAfter.get(platform).toMillis();
    long ceiling = maxInterval.get(platform).toMillis();
    return now.plusMillis(Math.min(Math.max(interval, floor), ceiling));
  }

  /** A poll that found nothing usable waits the longest interval. */
  public Instant backedOff(Platform platform, Instant now) {
    return now.plus(maxInterval.get(platform));
  }
}
