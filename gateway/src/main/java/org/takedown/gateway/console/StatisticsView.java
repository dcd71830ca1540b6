package org.takedown.gateway.console;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.takedown.gateway.statistics.Dimension;
import org.takedown.gateway.statistics.StatisticsQuery;

/**
 * What a view of the statistics page asks for, as its query string carries it (a view is a link): a
 * period, either {@code year} or {@code from} and {@code to} (dates in the console's zone, {@code
 * to} excluded, as the API's), and one {@code groupBy} dimension. Dates, when either is given, take
 * precedence over the year (the form keeps the year filled in while an officer types dates); with
 * neither, the current year in the console's zone. Without {@code groupBy}, by platform.
 *
 * @param year the year as typed, null when none
 * @param from the start as typed, null when none
 * @param to the end as typed, null when none
 * @param groupBy the grouping as given, null when none
 * @param errors for each field that cannot be read ({@code year}, {@code from}, {@code to}, {@code
 *     groupBy}), the key of its message; empty when the view can be computed
 * @param query what to compute; null when there are errors
 */
public record StatisticsView(
    String year,
    String from,
    String to,
    String groupBy,
    Map<String, String> errors,
    StatisticsQuery query) {

  /** The grouping when none is asked for: the figures per partner, as the charts read. */
  public static final Dimension DEFAULT_GROUPING = Dimension.PLATFORM;

  /** As StatisticsQuery reads dates: four-digit years, so that PostgreSQL reads them alike. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** Reads the view's parameters, each null when absent or blank. */
  static StatisticsView of(
      String year, String from, String to, String groupBy, ZoneId zone, LocalDate today) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate start;
    LocalDate end;
    if (from != null || to != null) {
      start = date("from", from, errors);
      end = date("to", to, errors);
      if (start != null && end != null && !end.isAfter(start)) {
        errors.put("to", "statistics.error.order");
      }
    } else {
      int chosen = year == null ? today.getYear() : year(year).orElse(0);
      if (chosen == 0) {
        errors.put("year", "statistics.error.year");
        start = null;
        end = null;
      } else {
        start = LocalDate.of(chosen, 1, 1);
        end = start.plusYears(1);
      }
    }
    Dimension dimension = DEFAULT_GROUPING;
    if (groupBy != null) {
      dimension = Dimension.ofWireName(groupBy).orElse(null);
      if (dimension == null) {
        errors.put("groupBy", "statistics.error.groupBy");
      }
    }
    StatisticsQuery query =
        errors.isEmpty() ? new StatisticsQuery(start, end, zone, List.of(dimension)) : null;
    return new StatisticsView(year, from, to, groupBy, Map.copyOf(errors), query);
  }

  /**
   * A year the period may be: four digits, 0001 to 9998 (the API's dates end at 9999, and a year's
   * period ends on the first day of the next).
   */
  static Optional<Integer> year(String value) {
    if (value == null || !YEAR.matcher(value).matches()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(value);
    return year >= 1 && year <= 9998 ? Optional.of(year) : Optional.empty();
  }

  private static LocalDate date(String name, String value, Map<String, String> errors) {
    if (value == null) {
      errors.put(name, "statistics.error.dateMissing");
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
    errors.put(name, "statistics.error.date");
    return null;
  }

  /** The grouping shown: the one asked for, or the default. */
  public Dimension dimension() {
    return query == null
        ? Dimension.ofWireName(groupBy == null ? "" : groupBy).orElse(DEFAULT_GROUPING)
        : query.groupBy().get(0);
  }

  /** Whether the period is given by dates rather than a year. */
  public boolean byDates() {
    return from != null || to != null;
  }

  public boolean invalid(String field) {
    return errors.containsKey(field);
  }

  /** The fields in error, in the form's order. */
  public List<String> invalidNames() {
    List<String> names = new ArrayList<>();
    for (String field : List.of("year", "from", "to", "groupBy")) {
      if (errors.containsKey(field)) {
        names.add(field);
      }
    }
    return names;
  }

  /** The message key of what is wrong with {@code field}, or null. */
  public String error(String field) {
    return errors.get(field);
  }

  /** The id of the field's error message for its {@code aria-describedby}, or null. */
  public String errorId(String field) {
    return invalid(field) ? "statistics-" + field + "-error" : null;
  }

  /** The field's value as typed, for the form; empty when none. */
  public String value(String field) {
    String value =
        switch (field) {
          case "year" -> year;
          case "from" -> from;
          case "to" -> to;
          default -> groupBy;
        };
    return value == null ? "" : value;
  }

  /**
   * The year the form shows: as typed, else the period's when it is a year (the current one by
   * default); empty for a view by dates, which ignores the year (a year left in the field would say
   * a period the page does not show).
   */
  public String yearValue() {
    if (byDates()) {
      return "";
    }
    if (year != null || query == null) {
      return value("year");
    }
    return Integer.toString(query.from().getYear());
  }

  /**
   * A date field's type: {@code date}, unless it holds what a date field cannot show (a bad value
   * to correct), which a text field shows as typed.
   */
  public String dateInputType(String field) {
    String value = value(field);
    return value.isEmpty() || DATE.matcher(value).matches() ? "date" : "text";
  }

  /** The period's part of the query string: {@code year=2026}, or {@code from=...&to=...}. */
  public String periodQuery() {
    return byDates()
        ? "from=" + query.from() + "&to=" + query.to()
        : "year=" + query.from().getYear();
  }

  /** The query string of this view: {@code year=2026&groupBy=platform}. Valid views only. */
  public String queryString() {
    return periodQuery() + "&groupBy=" + dimension().wireName();
  }
}
