package org.takedown.gateway.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.takedown.contracts.Platform;
import org.takedown.gateway.deadletter.DeadLetterFilter;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.RequestCursor;

/**
 * The dead letter's filters as the page's form, its links and its bookmarks carry them: {@code
 * platform}, {@code failedFrom} (inclusive) and {@code failedTo} (exclusive) as date-times in the
 * console's zone (or RFC 3339 with an offset), {@code limit} and {@code cursor}. Blank means
 * absent, so that an untouched field of the form filters nothing.
 */
record DeadLetterForm(
    String platform, String failedFrom, String failedTo, String limit, String cursor) {

  DeadLetterForm {
    platform = blankToNull(platform);
    failedFrom = blankToNull(failedFrom);
    failedTo = blankToNull(failedTo);
    limit = blankToNull(limit);
    cursor = blankToNull(cursor);
  }

  static DeadLetterForm of(FormFields form) {
    return new DeadLetterForm(
        form.filled("platform"),
        form.filled("failedFrom"),
        form.filled("failedTo"),
        form.filled("limit"),
        form.filled("cursor"));
  }

  /**
   * The form read: the filter, the page size and position, and for each field that is wrong the key
   * of its message (the page shows it next to the field).
   */
  record Read(
      DeadLetterFilter filter, int limit, RequestCursor cursor, Map<String, String> errors) {

    boolean valid() {
      return errors.isEmpty();
    }
  }

  Read read(ConsoleTime time) {
    Map<String, String> errors = new LinkedHashMap<>();
    Platform chosen = null;
    if (platform != null) {
      try {
        chosen = Platform.valueOf(platform.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.put("platform", "deadLetter.error.platform");
      }
    }
    Instant from = instant(time, "failedFrom", failedFrom, errors);
    Instant to = instant(time, "failedTo", failedTo, errors);
    List<Violation> violations = new ArrayList<>();
    DeadLetterFilter filter = DeadLetterFilter.of(chosen, from, to, violations);
    if (!violations.isEmpty()) {
      errors.put("failedTo", "deadLetter.error.range");
    }
    int size = ListingParameters.DEFAULT_LIMIT;
    if (limit != null) {
      List<Violation> bad = new ArrayList<>();
      size = ListingParameters.limit(limit, bad);
      if (!bad.isEmpty()) {
        errors.put("limit", "list.error.limit");
      }
    }
    RequestCursor after = null;
    if (cursor != null) {
      List<Violation> bad = new ArrayList<>();
      after = ListingParameters.cursor(cursor, bad);
      if (!bad.isEmpty()) {
        errors.put("cursor", "list.error.cursor");
      }
    }
    return new Read(filter, size, after, Map.copyOf(errors));
  }

  private static Instant instant(
      ConsoleTime time, String field, String value, Map<String, String> errors) {
    if (value == null) {
      return null;
    }
    Instant instant = time.parse(value).orElse(null);
    if (instant == null) {
      errors.put(field, "deadLetter.error.dateTime");
    }
    return instant == null ? null : PgTime.micros(instant);
  }

  /** The same filters on another page (null: the first). */
  DeadLetterForm at(String otherCursor) {
    return new DeadLetterForm(platform, failedFrom, failedTo, limit, otherCursor);
  }

  /** The query string of the filters (with {@code ?}, or empty when none is set). */
  String query() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("platform", platform);
    fields.put("failedFrom", failedFrom);
    fields.put("failedTo", failedTo);
    fields.put("limit", limit);
    fields.put("cursor", cursor);
    StringBuilder query = new StringBuilder();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            query
                .append(query.length() == 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
