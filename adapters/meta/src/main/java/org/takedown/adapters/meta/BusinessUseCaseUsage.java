package org.takedown.adapters.meta;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads Graph's {@code X-Business-Use-Case-Usage} header, {@code {"<business id>": [{"type": ...,
 * "estimated_time_to_regain_access": <minutes>}, ...]}}, for how long Meta will keep throttling.
 */
final class BusinessUseCaseUsage {

  private BusinessUseCaseUsage() {}

  /**
   * The longest {@code estimated_time_to_regain_access} over every business and use case; empty
   * when the header is unreadable or names no positive wait, so the caller's backoff applies rather
   * than an immediate retry.
   */
  static Optional<Duration> regainAccessDelay(String header, JsonMapper json) {
    JsonNode root;
    try {
      root = json.readValue(header.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    long minutes = 0;
    for (JsonNode useCases : root.values()) {
      if (!useCases.isArray()) {
        continue;
      }
      for (JsonNode useCase : useCases.values()) {
        JsonNode wait = useCase.isObject() ? useCase.get("estimated_time_to_regain_access") : null;
        if (wait != null && wait.isNumber()) {
          minutes = Math.max(minutes, wait.getLongValue());
        }
      }
    }
    return minutes > 0 ? Optional.of(Duration.ofMinutes(minutes)) : Optional.empty();
  }
}
