package org.takedown.gateway.tracking;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.takedown.platform.Platform;

/**
 * How often one partner is polled, where it differs from {@link PollingProperties}: under {@code
 * gateway.partners.<partner>.polling.}, beside the partner's other settings. Checked when bound, at
 * start: a value that is not a positive duration, or a partner the gateway does not know, stops the
 * start with a message naming the property.
 *
 * @param name the partner, as in the property names ({@code meta}, {@code tiktok}, {@code google})
 * @param polling the partner's own {@code first-after} and {@code max-interval}, each unset by
 *     default (the {@code gateway.polling.} ones apply)
 */
@EachProperty("gateway.partners")
public record PartnerPollingProperties(@Parameter String name, @Nullable Polling polling) {

  public PartnerPollingProperties {
    String prefix = "gateway.partners." + name + ".polling.";
    if (Arrays.stream(Platform.values()).noneMatch(p -> key(p).equals(name))) {
      throw new IllegalArgumentException(
          "gateway.partners."
              + name
              + " names no partner the gateway knows; the partners are "
              + Arrays.stream(Platform.values()).map(PartnerPollingProperties::key).toList());
    }
    polling = polling == null ? new Polling(null, null) : polling;
    requirePositive(prefix + "first-after", polling.firstAfter());
    requirePositive(prefix + "max-interval", polling.maxInterval());
  }

  /** True when these settings are {@code platform}'s. */
  boolean of(Platform platform) {
    return key(platform).equals(name);
  }

  Optional<Duration> firstAfter() {
    return Optional.ofNullable(polling.firstAfter());
  }

  Optional<Duration> maxInterval() {
    return Optional.ofNullable(polling.maxInterval());
  }

  /**
   * The partner's polling cadence, under {@code gateway.partners.<partner>.polling.}.
   *
   * @param firstAfter the first poll after a delivery or an applied update; default {@code
   *     gateway.polling.first-after}
   * @param maxInterval the longest wait between two polls; default {@code
   *     gateway.polling.max-interval}
   */
  @ConfigurationProperties("polling")
  public record Polling(@Nullable Duration firstAfter, @Nullable Duration maxInterval) {}

  private static String key(Platform platform) {
    return platform.name().toLowerCase(Locale.ROOT);
  }

  private static void requirePositive(String property, @Nullable Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(property + " must be longer than 0, not " + value);
    }
  }
}
