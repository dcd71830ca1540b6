package org.takedown.gateway.tracking;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.takedown.platform.Platform;

/**
 * When each partner is next asked about a request: soon after a change, then less often as it ages.
 * Made at start, so that a partner's polling settings are checked then ({@link
 * PartnerPollingProperties}).
 */
@Context
public final class PollSchedule {

  private final PollingProperties properties;
  private final Map<Platform, Duration> firstAfter = new EnumMap<>(Platform.class);
  private final Map<Platform, Duration> maxInterval = new EnumMap<>(Platform.class);

  PollSchedule(
      PollingProperties properties,
      List<PartnerPollingProperties> partners,
      Environment environment) {
    refuseFormerPartnerKeys(environment);
    this.properties = properties;
    for (Platform platform : Platform.values()) {
      firstAfter.put(platform, properties.firstAfter());
      maxInterval.put(platform, properties.maxInterval());
    }
    for (PartnerPollingProperties partner : partners) {
      for (Platform platform : Platform.values()) {
        if (partner.of(platform)) {
          partner.firstAfter().ifPresent(d -> firstAfter.put(platform, d));
          partner.maxInterval().ifPresent(d -> maxInterval.put(platform, d));
        }
      }
    }
  }

  /**
   * The per-partner keys were {@code gateway.polling.<partner>.*} until they moved beside the
   * partner's other settings: one still set there would be ignored without a word, so it stops the
   * start and says where it goes now.
   */
  private static void refuseFormerPartnerKeys(Environment environment) {
    List<String> moved = new ArrayList<>();
    for (Platform platform : Platform.values()) {
      String partner = platform.name().toLowerCase(Locale.ROOT);
      for (String key : List.of("first-after", "max-interval")) {
        String former = "gateway.polling." + partner + "." + key;
        if (environment.containsProperty(former)) {
          moved.add(former + " is now gateway.partners." + partner + ".polling." + key);
        }
      }
    }
    if (!moved.isEmpty()) {
      throw new IllegalStateException(String.join("; ", moved));
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
