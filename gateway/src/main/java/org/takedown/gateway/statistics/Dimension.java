package org.takedown.gateway.statistics;

import java.util.Arrays;
import java.util.Optional;

/**
 * What statistics may be grouped by ({@code groupBy}): the one whitelist of grouping columns. Each
 * dimension's SQL is fixed here; nothing a client sends ever becomes SQL text.
 */
public enum Dimension {
  PLATFORM("platform", "r.platform"),
  CATEGORY("category", "r.category"),
  ACTION("action", "r.action"),
  /** A case's priority: the one dimension read from the case rather than the request. */
  PRIORITY("priority", "c.priority"),
  /**
   * The month of {@code createdAt} in the period's time zone, as {@code 2026-03}. Its SQL takes the
   * zone as its one parameter.
   */
  MONTH("month", "to_char(date_trunc('month', r.created_at AT TIME ZONE ?), 'YYYY-MM')");

  private final String wireName;
  private final String sql;

  Dimension(String wireName, String sql) {
    this.wireName = wireName;
    this.sql = sql;
  }

  /** The name in {@code groupBy}, in a group's {@code key} and in the CSV header. */
  public String wireName() {
    return wireName;
  }

  /** The SQL expression of the dimension's value, over {@code r} (request) and {@code c} (case). */
  String sql() {
    return sql;
  }

  /** Whether {@link #sql} takes the time zone as a parameter. */
  boolean takesZone() {
    return this == MONTH;
  }

  public static Optional<Dimension> ofWireName(String name) {
    return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
  }
}
