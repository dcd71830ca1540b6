package org.takedown.gateway.status;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.intake.ContentUrls;
import org.takedown.gateway.intake.UnsupportedContentUrlException;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.RequestStates;

/**
 * Reads the filters of the request listings ({@code GET /api/v1/requests}, the dead letter, and the
 * same filters in the body of a bulk retry). Each reader adds a {@link Violation} naming the
 * parameter instead of throwing, so that one 422 lists every bad parameter at once; a bad value
 * reads as null (or the default).
 */
public final class ListingParameters {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** What {@link #instant} asks of a date-time. */
  public static final String DATE_TIME_RULE =
      "must be an RFC 3339 date-time with an offset in the years 0001 to 9999, such as"
          + " 2024-06-20T10:00:00Z";

  private ListingParameters() {}

  /** The enum constant named exactly {@code value}; null when absent. */
  public static <E extends Enum<E>> E choice(
      String name, String value, Class<E> type, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    violations.add(new Violation(name, "must be one of " + names(type)));
    return null;
  }

  /**
   * The request state named exactly {@code value} in the contract's words ({@link RequestStatus});
   * null when absent.
   */
  public static RequestState state(String name, String value, List<Violation> violations) {
    RequestStatus status = choice(name, value, RequestStatus.class, violations);
    return status == null ? null : RequestStates.fromContract(status);
  }

  public static String names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }

  public static Boolean flag(String name, String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    violations.add(new Violation(name, "must be true or false"));
    return null;
  }

  /** A text filter such as {@code caseRef}, without control characters; null when absent. */
  public static String text(String name, String value, List<Violation> violations) {
    if (value == null || PlainText.isPlain(value)) {
      return value;
    }
    violations.add(new Violation(name, PlainText.RULE));
    return null;
  }

  /**
   * The canonical form of a content URL given as a filter, canonicalised as intake canonicalises a
   * reported URL ({@link ContentUrls}), so that the URL an officer copies from a browser finds the
   * request made for it; null when absent. A URL no partner hosts is a violation (no request can
   * have it), whose message names at most its scheme, host or port.
   */
  public static String contentUrl(String name, String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    try {
      return ContentUrls.locate(value).canonicalUrl();
    } catch (UnsupportedContentUrlException e) {
      violations.add(new Violation(name, e.getMessage()));
      return null;
    }
  }

  /**
   * Adds a violation naming {@code toName} when the range from {@code from} (inclusive) to {@code
   * to} (exclusive) holds no instant; either bound may be null (open).
   */
  public static void range(
      String fromName, Instant from, String toName, Instant to, List<Violation> violations) {
    if (from != null && to != null && !to.isAfter(from)) {
      violations.add(
          new Violation(
              toName, "must be later than " + fromName + " (" + toName + " is exclusive)"));
    }
  }

  /** The page size, {@link #DEFAULT_LIMIT} when absent. */
  public static int limit(String value, List<Violation> violations) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  /** A {@code nextCursor} this gateway issued; null when absent. */
  public static RequestCursor cursor(String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    RequestCursor cursor = RequestCursor.decode(value).orElse(null);
    if (cursor == null || !PgTime.storable(cursor.at())) {
      violations.add(new Violation("cursor", "is not a cursor this gateway issued"));
      return null;
    }
    return cursor;
  }

  /**
   * An RFC 3339 / ISO-8601 date-time with an offset ({@code Z} or {@code +02:00}) in the years the
   * gateway stores ({@link PgTime#storable}); null when absent. Every date-time a client sends, in
   * a query or a body, is read here.
   */
  public static Instant instant(String name, String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      if (PgTime.storable(instant)) {
        return instant;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    violations.add(new Violation(name, DATE_TIME_RULE));
    return null;
  }
}
