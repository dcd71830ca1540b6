package org.takedown.gateway.dispatch;

import java.time.Duration;
import java.util.Locale;
import org.takedown.platform.Platform;

/**
 * One partner's call budget as its {@link PartnerBudget} applies it, resolved from {@link
 * PartnerDispatchProperties} (which checks each value and documents its default).
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

  static String prefix(Platform platform) {
    return PartnerDispatchProperties.prefix(platform.name().toLowerCase(Locale.ROOT));
  }
}
