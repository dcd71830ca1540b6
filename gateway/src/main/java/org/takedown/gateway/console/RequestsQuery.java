package org.takedown.gateway.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.RequestCursor;
import org.takedown.gateway.status.RequestFilter;

/**
 * The query string of {@code /console/requests}: the filters of {@code GET /api/v1/requests} under
 * the same names, so that a filtered view is a link and an API query works in the console. Every
 * value is read by the API's own rules ({@link ListingParameters}), with two differences for
 * people: surrounding white space is ignored (an empty field filters nothing; the addresses the
 * console writes leave such fields out, and the default page size), and {@code createdFrom} /
 * {@code createdTo} may be plain dates ({@code 2024-06-20}), whole days in the console's time zone,
 * both included; an RFC 3339 date-time is read as the API reads it (from inclusive, to exclusive).
 */
final class RequestsQuery {

  static final String PATH = "/console/requests";

  /** The filters, in the order the form shows them and links write them. */
  static final List<String> FILTERS =
      List.of(
          "status",
          "platform",
          "action",
          "category",
          "overdue",
          "caseRef",
          "partnerRef",
          "url",
          "contentId",
          "createdFrom",
          "createdTo",
          "limit");

  static final String CURSOR = "cursor";

  private static final String DEFAULT_LIMIT = String.valueOf(ListingParameters.DEFAULT_LIMIT);

  /** A date as a date input sends it. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Map<String, String> values;
  private final boolean untidy;

  private RequestsQuery(Map<String, String> values, boolean untidy) {
    this.values = values;
    this.untidy = untidy;
  }

  /**
   * The query of {@code parameters} (each name's first value): the known names with a value other
   * than white space, stripped; anything else is left out.
   */
  static RequestsQuery of(Map<String, List<String>> parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean blanks = false;
    List<String> names = new ArrayList<>(FILTERS);
    names.add(CURSOR);
    for (String name : names) {
      List<String> given = parameters.get(name);
      if (given == null || given.isEmpty()) {
        continue;
      }
      String value = given.get(0) == null ? "" : given.get(0).strip();
      if (value.isEmpty()) {
        blanks = true;
      } else if (name.equals("limit") && value.equals(DEFAULT_LIMIT)) {
        // the default page size, which the form always sends: the same view without it
        blanks = true;
      } else {
        values.put(name, value);
      }
    }
    return new RequestsQuery(values, blanks);
  }

  /** The value of {@code name} as given (stripped), or the empty string. */
  String value(String name) {
    return values.getOrDefault(name, "");
  }

  /** Whether any filter is given (the page size is not a filter). */
  boolean filters() {
    return values.keySet().stream()
        .anyMatch(name -> FILTERS.contains(name) && !name.equals("limit"));
  }

  boolean hasCursor() {
    return values.containsKey(CURSOR);
  }

  /**
   * Whether the query named a filter with an empty value, as a form sends every field it holds, or
   * the default page size: its {@link #link} is the same view without them.
   */
  boolean untidy() {
    return untidy;
  }

  /** This view's address: its filters and cursor. */
  String link() {
    return address(values.get(CURSOR));
  }

  /** The first page of these filters. */
  String firstPage() {
    return address(null);
  }

  /** The page after the one {@code cursor} ends. */
  String page(String cursor) {
    return address(cursor);
  }

  private String address(String cursor) {
    StringJoiner query = new StringJoiner("&");
    for (String name : FILTERS) {
      String value = values.get(name);
      if (value != null) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    if (cursor != null) {
      query.add(CURSOR + "=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    return query.length() == 0 ? PATH : PATH + "?" + query;
  }

  /**
   * What the query asks for, or what is wrong with it.
   *
   * @param filter the filter to list with; null when {@code errors} is not empty
   * @param errors by parameter, the message key of what is wrong with it, in the order of {@link
   *     #FILTERS} then the cursor
   */
  record Reading(RequestFilter filter, Map<String, String> errors) {}

  /** Reads the filter, with the dates given as days in {@code zone}. */
  Reading read(ZoneId zone) {
    List<Violation> violations = new ArrayList<>();
    RequestState status = ListingParameters.state("status", get("status"), violations);
    Platform platform =
        ListingParameters.choice("platform", get("platform"), Platform.class, violations);
    Action action = ListingParameters.choice("action", get("action"), Action.class, violations);
    Category category =
        ListingParameters.choice("category", get("category"), Category.class, violations);
    Boolean overdue = ListingParameters.flag("overdue", get("overdue"), violations);
    String caseRef = ListingParameters.text("caseRef", get("caseRef"), violations);
    String partnerRef = ListingParameters.text("partnerRef", get("partnerRef"), violations);
    String canonicalUrl = ListingParameters.contentUrl("url", get("url"), violations);
    String contentId = ListingParameters.text("contentId", get("contentId"), violations);
    Instant from = day("createdFrom", zone, false, violations);
    Instant to = day("createdTo", zone, true, violations);
    int limit = ListingParameters.limit(get("limit"), violations);
    RequestCursor after = ListingParameters.cursor(get(CURSOR), violations);
    ListingParameters.range("createdFrom", from, "createdTo", to, violations);

    Map<String, String> errors = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(FILTERS);
    order.add(CURSOR);
    for (String name : order) {
      for (Violation violation : violations) {
        if (violation.field().equals(name) && !errors.containsKey(name)) {
          // once both dates are read, createdTo's only violation is the range's
          boolean range = name.equals("createdTo") && from != null && to != null;
          errors.put(name, range ? "requests.error.createdRange" : "requests.error." + name);
        }
      }
    }
    if (!errors.isEmpty()) {
      return new Reading(null, errors);
    }
    return new Reading(
        new RequestFilter(
            status,
            platform,
            action,
            category,
            overdue,
            caseRef,
            from,
            to,
            partnerRef,
            canonicalUrl,
            contentId,
            limit,
            after),
        errors);
  }

  private String get(String name) {
    return values.get(name);
  }

  /**
   * A bound of the creation range: a date is its day in {@code zone}, from its start ({@code
   * createdFrom}) or to its end ({@code createdTo}, the day included); a date-time is read as the
   * API reads it.
   */
  private Instant day(String name, ZoneId zone, boolean end, List<Violation> violations) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    if (!DATE.matcher(value).matches()) {
      return ListingParameters.instant(name, value, violations);
    }
    try {
      LocalDate date = LocalDate.parse(value);
      Instant instant = (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
      if (PgTime.storable(instant)) {
        return instant;
      }
    } catch (DateTimeException e) {
      // reported below
    }
    violations.add(new Violation(name, "must be a date"));
    return null;
  }
}
