package org.takedown.gateway.dispatch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.takedown.platform.Platform;

/**
 * One partner's call budget as configured under {@code gateway.partners.<partner>.}: how many calls
 * may be in flight, how many may start per period, and when its circuit breaker opens. Each partner
 * has its own, so one partner's trouble never spends another's budget. Every setting has a default
 * (the README's configuration table), which suits a partner that has published no quota; set the
 * partner's real quota in production.
 *
 * <p>Checked when bound, at start: a value out of range, or a partner the gateway does not know,
 * stops the start with a message naming the property. The same prefix holds the adapters' own
 * settings ({@code base-url}, timeouts, credentials), which their own properties bind.
 *
 * @param name the partner, as in the property names ({@code meta}, {@code tiktok}, {@code google})
 * @param concurrency calls in flight at once on this instance (bulkhead); default {@code
 *     gateway.dispatch.concurrency}
 * @param rateLimit calls that may start per {@code rate-period} on this instance; default 10
 * @param ratePeriod the rate limiter's period; default 1 s
 * @param breaker when the partner's circuit breaker opens
 */
@EachProperty(PartnerDispatchProperties.PREFIX)
public record PartnerDispatchProperties(
    @Parameter String name,
    @Nullable Integer concurrency,
    @Nullable Integer rateLimit,
    @Nullable Duration ratePeriod,
    @Nullable Breaker breaker) {

  public static final String PREFIX = "gateway.partners";

  static final int DEFAULT_RATE_LIMIT = 10;
  static final Duration DEFAULT_RATE_PERIOD = Duration.ofSeconds(1);

  public PartnerDispatchProperties {
    partner(name);
    String prefix = prefix(name);
    requireAtLeastOne(prefix + "concurrency", concurrency);
    rateLimit = requireAtLeastOne(prefix + "rate-limit", rateLimit, DEFAULT_RATE_LIMIT);
    ratePeriod = requirePositive(prefix + "rate-period", ratePeriod, DEFAULT_RATE_PERIOD);
    breaker = breaker == null ? Breaker.DEFAULTS : breaker;
    breaker.check(prefix + "breaker.");
  }

  /** The settings of a partner nothing is configured for: every default. */
  static PartnerDispatchProperties defaults(Platform platform) {
    return new PartnerDispatchProperties(
        platform.name().toLowerCase(Locale.ROOT), null, null, null, null);
  }

  /** The partner these settings are for. */
  public Platform platform() {
    return partner(name);
  }

  /** The budget's limits; {@code defaultConcurrency} is {@code gateway.dispatch.concurrency}. */
  PartnerLimits limits(int defaultConcurrency) {
    return new PartnerLimits(
        concurrency == null ? defaultConcurrency : concurrency,
        rateLimit,
        ratePeriod,
        breaker.failureRate(),
        breaker.slowCallRate(),
        breaker.slowCall(),
        breaker.minimumCalls(),
        breaker.window(),
        breaker.openWait(),
        breaker.halfOpenCalls());
  }

  /**
   * The partner's circuit breaker, under {@code gateway.partners.<partner>.breaker.}.
   *
   * @param failureRate percentage of failed calls in the window that opens the breaker; default 50
   * @param slowCallRate percentage of slow calls in the window that opens it; default 80
   * @param slowCall a call slower than this is slow; default 8 s
   * @param minimumCalls calls the window needs before the breaker judges; default 10
   * @param window the number of recent calls the breaker judges; default 20
   * @param openWait how long an open breaker refuses calls before it lets probes through; default
   *     30 s
   * @param halfOpenCalls probe calls a half-open breaker lets through; default 2
   */
  @ConfigurationProperties("breaker")
  public record Breaker(
      @Nullable Float failureRate,
      @Nullable Float slowCallRate,
      @Nullable Duration slowCall,
      @Nullable Integer minimumCalls,
      @Nullable Integer window,
      @Nullable Duration openWait,
      @Nullable Integer halfOpenCalls) {

    static final Breaker DEFAULTS = new Breaker(null, null, null, null, null, null, null);

    public Breaker {
      failureRate = failureRate == null ? 50f : failureRate;
      slowCallRate = slowCallRate == null ? 80f : slowCallRate;
      slowCall = slowCall == null ? Duration.ofSeconds(8) : slowCall;
      minimumCalls = minimumCalls == null ? 10 : minimumCalls;
      window = window == null ? 20 : window;
      openWait = openWait == null ? Duration.ofSeconds(30) : openWait;
      halfOpenCalls = halfOpenCalls == null ? 2 : halfOpenCalls;
    }

    /** Checks the values; {@code prefix} is where they were read from. */
    void check(String prefix) {
      requirePercentage(prefix + "failure-rate", failureRate);
      requirePercentage(prefix + "slow-call-rate", slowCallRate);
      requirePositive(prefix + "slow-call", slowCall, slowCall);
      requireAtLeastOne(prefix + "minimum-calls", minimumCalls);
      requireAtLeastOne(prefix + "window", window);
      requirePositive(prefix + "open-wait", openWait, openWait);
      requireAtLeastOne(prefix + "half-open-calls", halfOpenCalls);
    }
  }

  /** {@code gateway.partners.<partner>.}, the prefix of a partner's settings. */
  static String prefix(String name) {
    return PREFIX + "." + name + ".";
  }

  private static Platform partner(String name) {
    return Arrays.stream(Platform.values())
        .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    PREFIX
                        + "."
                        + name
                        + " names no partner the gateway knows; the partners are "
                        + Arrays.stream(Platform.values())
                            .map(p -> p.name().toLowerCase(Locale.ROOT))
                            .toList()));
  }

  private static void requireAtLeastOne(String property, @Nullable Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException(property + " must be at least 1, not " + value);
    }
  }

  private static int requireAtLeastOne(String property, @Nullable Integer value, int otherwise) {
    requireAtLeastOne(property, value);
    return value == null ? otherwise : value;
  }

  private static Duration requirePositive(
      String property, @Nullable Duration value, Duration otherwise) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(property + " must be longer than 0, not " + value);
    }
    return value == null ? otherwise : value;
  }

  private static void requirePercentage(String property, float value) {
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException(property + " must be in (0, 100], not " + value);
    }
  }
}
