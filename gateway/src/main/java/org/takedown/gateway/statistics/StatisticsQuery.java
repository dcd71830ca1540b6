package org.takedown.gateway.statistics;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;

/**
 * What a statistics call asks for: the requests created from {@code from} (inclusive) to {@code to}
 * (exclusive), both dates in {@code zone}, grouped by {@code groupBy} in that order (empty: totals
 * only).
 */
public record StatisticsQuery(LocalDate from, LocalDate to, ZoneId zone, List<Dimension> groupBy) {

  /** The time zone when none is given: where the unit works. */
  public static final String DEFAULT_ZONE = "Africa/Casablanca";

  /** What a date must look like: four-digit years only, so that PostgreSQL reads it as Java did. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** IANA region names only: PostgreSQL reads a bare offset such as +01:00 the POSIX way round. */
  private static final Pattern ZONE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");

  public StatisticsQuery {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " is not before to " + to);
    }
    groupBy = List.copyOf(groupBy);
  }

  /**
   * Reads the query parameters as a client sends them, each null when absent.
   *
   * @throws InvalidInput naming every bad parameter at once
   */
  public static StatisticsQuery parse(String from, String to, String groupBy, String timezone) {
    List<Violation> violations = new ArrayList<>();
    LocalDate start = date("from", from, violations);
    LocalDate end = date("to", to, violations);
    ZoneId zone = zone(timezone, violations);
    List<Dimension> dimensions = dimensions(groupBy, violations);
    if (start != null && end != null && !end.isAfter(start)) {
      violations.add(new Violation("to", "must be later than from (to is exclusive)"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return new StatisticsQuery(start, end, zone, dimensions);
  }

  private static LocalDate date(String name, String value, List<Violation> violations) {
    if (value == null) {
      violations.add(new Violation(name, "is required: an ISO date such as 2026-01-01"));
      return null;
    }
    if (DATE.matcher(value).matches()) {
      try {
        LocalDate date = LocalDate.parse(value);
        if (date.getYear() >= 1) {
          return date;
        }
      } catch (DateTimeException e) {
        // reported below
      }
    }
    violations.add(
        new Violation(name, "must be an ISO date (YYYY-MM-DD) in the years 0001 to 9999"));
    return null;
  }

  private static ZoneId zone(String value, List<Violation> violations) {
    String name = value == null ? DEFAULT_ZONE : value;
    if (ZONE.matcher(name).matches() && ZoneId.getAvailableZoneIds().contains(name)) {
      return ZoneId.of(name);
    }
    violations.add(
        new Violation(
            "timezone", "must be an IANA time zone name such as " + DEFAULT_ZONE + " or UTC"));
    return null;
  }

  private static List<Dimension> dimensions(String value, List<Violation> violations) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    Set<Dimension> dimensions = new LinkedHashSet<>();
    for (String name : value.split(",", -1)) {
      Dimension dimension = Dimension.ofWireName(name).orElse(null);
      if (dimension == null) {
        violations.add(
            new Violation(
                "groupBy",
                "must be a comma-separated list of "
                    + Arrays.stream(Dimension.values())
                        .map(Dimension::wireName)
                        .collect(Collectors.joining(", "))
                    + "; each at most once"));
        return List.of();
      }
      if (!dimensions.add(dimension)) {
        violations.add(new Violation("groupBy", "names " + name + " more than once"));
        return List.of();
      }
    }
    return List.copyOf(dimensions);
  }
}
