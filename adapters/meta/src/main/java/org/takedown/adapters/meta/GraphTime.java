package org.takedown.adapters.meta;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads Meta's timestamps: RFC 3339 as PARTNERS.md promises, and Graph's own ISO 8601 form with a
 * colon-less offset ({@code 2024-06-20T10:00:00+0000}), which Graph nodes return for dates.
 */
final class GraphTime {

  private static final DateTimeFormatter GRAPH_FORM =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]xx");

  private GraphTime() {}

  /**
   * @throws DateTimeParseException when the text is in neither form
   */
  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notRfc3339) {
      return OffsetDateTime.parse(text, GRAPH_FORM).toInstant();
    }
  }
}
