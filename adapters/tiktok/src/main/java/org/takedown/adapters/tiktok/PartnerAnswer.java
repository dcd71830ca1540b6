package org.takedown.adapters.tiktok;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP answer from TikTok, as it arrived: status, the raw body and the Retry-After header.
 *
 * @param retryAfter the raw {@code Retry-After} header, null when absent
 */
record PartnerAnswer(int status, @Nullable String retryAfter, byte[] body) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** TikTok's delay hint: {@code Retry-After} in seconds, as its rate limiter sends it. */
  Optional<Duration> retryAfterHint() {
    if (retryAfter == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(retryAfter.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      return Optional.empty();
    }
  }
}
