package org.takedown.gateway.dispatch;

import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Locale;
import org.takedown.platform.Platform;

/**
 * One partner's call budget, from {@code gateway.partners.<partner>.*}: how many calls may be in
 * flight, how many may start per period, and when its circuit breaker opens. Each partner has its
 * own, so one partner's trouble never spends another's budget. The defaults suit a partner that has
 * published no quota; set the partner's real quota in production.
 *
 * @param concurrency calls in flight at once on this instance (bulkhead)
 * @param rateLimit calls that may start per {@code ratePeriod} on this instance
 * @param ratePeriod the rate limiter's period
 * @param failureRate percentage of failed calls in the window that opens the breaker
 * @param slowCallRate percentage of slow calls in the window that opens the breaker
 * @param slowCall a call slower than this is slow
 * @param minimumCalls calls the window needs before the breaker judges
 * @param window the number of recent calls the breaker judges
 * @param openWait how long an open breaker refuses calls before it lets probes through
 * @param halfOpenCalls probe calls a half-open breaker lets through
 */
record PartnerLimits(
    int concurrency,
    int rateLimit,
    Duration ratePeriod,
    float failureRate,
    float slowCallRate,
    Duration slowCall,
    int minimumCalls,
    int window,
    Duration openWait,
    int halfOpenCalls) {

  static final int DEFAULT_RATE_LIMIT = 10;
  static final Duration DEFAULT_RATE_PERIOD = Duration.ofSeconds(1);
  static final float DEFAULT_FAILURE_RATE = 50;
  static final float DEFAULT_SLOW_CALL_RATE = 80;
  static final Duration DEFAULT_SLOW_CALL = Duration.ofSeconds(8);
  static final int DEFAULT_MINIMUM_CALLS = 10;
  static final int DEFAULT_WINDOW = 20;
  static final Duration DEFAULT_OPEN_WAIT = Duration.ofSeconds(30);
  static final int DEFAULT_HALF_OPEN_CALLS = 2;

  PartnerLimits {
    requirePositive("concurrency", concurrency);
    requirePositive("rate-limit", rateLimit);
    requirePositive("breaker.minimum-calls", minimumCalls);
    requirePositive("breaker.window", window);
    requirePositive("breaker.half-open-calls", halfOpenCalls);
    requirePercentage("breaker.failure-rate", failureRate);
    requirePercentage("breaker.slow-call-rate", slowCallRate);
  }

  /** The limits of {@code platform}; {@code defaultConcurrency} is gateway.dispatch.concurrency. */
  static PartnerLimits of(Platform platform, Environment env, int defaultConcurrency) {
    String prefix = prefix(platform);
    try {
      return read(prefix, env, defaultConcurrency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
  }

  private static PartnerLimits read(String prefix, Environment env, int defaultConcurrency) {
    return new PartnerLimits(
        env.getProperty(prefix + "concurrency", Integer.class, defaultConcurrency),
        env.getProperty(prefix + "rate-limit", Integer.class, DEFAULT_RATE_LIMIT),
        env.getProperty(prefix + "rate-period", Duration.class, DEFAULT_RATE_PERIOD),
        env.getProperty(prefix + "breaker.failure-rate", Float.class, DEFAULT_FAILURE_RATE),
        env.getProperty(prefix + "breaker.slow-call-rate", Float.class, DEFAULT_SLOW_CALL_RATE),
        env.getProperty(prefix + "breaker.slow-call", Duration.class, DEFAULT_SLOW_CALL),
        env.getProperty(prefix + "breaker.minimum-calls", Integer.class, DEFAULT_MINIMUM_CALLS),
        env.getProperty(prefix + "breaker.window", Integer.class, DEFAULT_WINDOW),
        env.getProperty(prefix + "breaker.open-wait", Duration.class, DEFAULT_OPEN_WAIT),
        env.getProperty(
            prefix + "breaker.half-open-calls", Integer.class, DEFAULT_HALF_OPEN_CALLS));
  }

  static String prefix(Platform platform) {
    return "gateway.partners." + platform.name().toLowerCase(Locale.ROOT) + ".";
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, not " + value);
    }
  }

  private static void requirePercentage(String key, float value) {
    if (value <= 0 || value > 100) {
      throw new IllegalArgumentException(key + " must be in (0, 100], not " + value);
    }
  }
}
