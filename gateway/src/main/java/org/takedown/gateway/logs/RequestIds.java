package org.takedown.gateway.logs;

import io.micronaut.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one HTTP exchange ({@value #HEADER}): the caller's own when it is sane, else a fresh
 * UUID. It is answered in the {@value #HEADER} header of every response, written to the log context
 * as {@value LogFields#CORRELATION_ID} for the whole handling of the request, and quoted as {@code
 * correlationId} by a 5xx problem.
 *
 * <p>Sane: 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}, enough for a UUID, a
 * ULID, a W3C trace id or a load balancer's id. Anything else (longer, empty, control characters, a
 * CR/LF that would split a log line or a header, quotes, spaces) is replaced rather than cleaned,
 * so that a log line never carries what a caller chose to inject.
 */
public final class RequestIds {

  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  static final int MAX_LENGTH = 128;

  /** Where {@link RequestIdFilter} leaves the id on the request. */
  static final String ATTRIBUTE = RequestIds.class.getName();

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

  private RequestIds() {}

  /** The caller's id if it is sane, else a new one. */
  static String takeOrMake(String offered) {
    return offered != null && SANE.matcher(offered).matches()
        ? offered
        : UUID.randomUUID().toString();
  }

  /** The id {@link RequestIdFilter} gave {@code request}; empty before it ran. */
  public static Optional<String> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, String.class);
  }
}
