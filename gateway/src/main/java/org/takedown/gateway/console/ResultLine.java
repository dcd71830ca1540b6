package org.takedown.gateway.console;

import java.time.Instant;
import java.util.UUID;

/**
 * What a bulk action did to one request: one line of its result, so that no request's fate is left
 * unsaid (issue #17: "each line of the result says what happened to each request").
 *
 * @param outcome a stable name for tests and styles, e.g. {@code retried}, {@code extended}, {@code
 *     partner-refused}
 * @param done true when the action was carried out on this request
 * @param text what happened, in the reader's language
 * @param at the date {@code text} ends with (the new end of a preservation), or null
 * @param detail what the partner or the gateway answered, verbatim (escaped on the page), or null
 */
public record ResultLine(
    UUID id, String outcome, boolean done, String text, Instant at, String detail) {

  /** The first characters of its id, as the lists show it. */
  public String shortId() {
    return id.toString().substring(0, 8);
  }
}
