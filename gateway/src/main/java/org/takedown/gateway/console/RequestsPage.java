package org.takedown.gateway.console;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Outcome;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestStatus;

/**
 * The requests list: the filter form as the officer filled it, what is wrong with it if anything,
 * and one page of the requests it selects, newest first.
 *
 * @param values the form's values by parameter, as given; a parameter not given is absent
 * @param errors by parameter, the message key of what is wrong with its value; when not empty,
 *     nothing was listed
 * @param filtered whether any filter was given (the page size is none)
 * @param rows the page's requests, newest first
 * @param firstPage the address of the first page of the same filters, null on the first page
 * @param nextPage the address of the next page, null on the last
 */
public record RequestsPage(
    Map<String, String> values,
    Map<String, String> errors,
    boolean filtered,
    List<Row> rows,
    String firstPage,
    String nextPage) {

  /** The page sizes the form offers. */
  static final List<Integer> SIZES = List.of(25, 50, 100, 200);

  /**
   * One request.
   *
   * @param due the time left until its deadline while it is open; else null
   * @param critical a terrorism case or an emergency: marked, whatever its deadline
   */
  public record Row(
      UUID id,
      UUID caseId,
      String caseRef,
      Platform platform,
      Action action,
      RequestStatus status,
      Outcome outcome,
      Category category,
      Priority priority,
      boolean critical,
      String canonicalUrl,
      String partnerRef,
      Instant createdAt,
      Instant dueAt,
      Countdown due) {

    /** The first characters of its id, enough to tell rows apart at a glance. */
    public String shortId() {
      return id.toString().substring(0, 8);
    }

    /** {@code overdue}, {@code urgent} or {@code running} while open; {@code closed} after. */
    public String dueState() {
      return due == null ? "closed" : due.state();
    }
  }

  /** The value of {@code name} as given, or the empty string. */
  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  /** Whether {@code option} is the value given for {@code name}. */
  public boolean selected(String name, String option) {
    return value(name).equals(option);
  }

  /** The message key of what is wrong with {@code name}, or null. */
  public String error(String name) {
    return errors.get(name);
  }

  public boolean invalid(String name) {
    return errors.containsKey(name);
  }

  /** The id of the element that says what is wrong with {@code name}, for aria-describedby. */
  public String errorId(String name) {
    return invalid(name) ? "filter-" + name + "-error" : null;
  }

  /** The parameters that are wrong, in the form's order. */
  public List<String> invalidNames() {
    return List.copyOf(errors.keySet());
  }

  /**
   * How a date bound is typed: {@code date} for a date or nothing, {@code text} for the RFC 3339
   * date-time an API link may hold (a date input could not show it, and would drop it).
   */
  public String dateInputType(String name) {
    String value = value(name);
    return value.isEmpty() || value.matches("\\d{4}-\\d{2}-\\d{2}") ? "date" : "text";
  }

  public List<RequestStatus> statuses() {
    return Arrays.asList(RequestStatus.values());
  }

  public List<Platform> platforms() {
    return Arrays.asList(Platform.values());
  }

  public List<Action> actions() {
    return Arrays.asList(Action.values());
  }

  public List<Category> categories() {
    return Arrays.asList(Category.values());
  }

  /** The page sizes offered, with the one asked for when the form does not offer it. */
  public List<String> sizes() {
    List<String> sizes = SIZES.stream().map(String::valueOf).toList();
    String asked = value("limit");
    if (asked.isEmpty() || sizes.contains(asked) || invalid("limit")) {
      return sizes;
    }
    return java.util.stream.Stream.concat(sizes.stream(), java.util.stream.Stream.of(asked))
        .toList();
  }

  /** The page size shown as chosen: the one asked for, else the API's default. */
  public String size() {
    String asked = value("limit");
    return asked.isEmpty() || invalid("limit")
        ? String.valueOf(org.takedown.gateway.status.ListingParameters.DEFAULT_LIMIT)
        : asked;
  }
}
