package org.takedown.gateway.statistics;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/statistics}: the period as asked, its groups (none without a
 * request), and the figures of every request of the period.
 */
@Serdeable
public record Statistics(
    String from, String to, String timezone, List<Group> groups, Figures totals) {

  /**
   * One group: its {@code key} (the value of each {@code groupBy} dimension, in {@code groupBy}'s
   * order) and its figures, beside the key.
   */
  @Serdeable
  public record Group(Map<String, String> key, @JsonUnwrapped Figures figures) {}
}
