package org.takedown.gateway.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every answer of the gateway carries {@code X-Content-Type-Options: nosniff}, so that no browser
 * takes an answer for another type than it says: the Meta handshake echoes a caller's {@code
 * hub.challenge} as {@code text/plain}, and a problem may quote what the caller sent.
 *
 * <p>This filter marks every answer that passes through Micronaut's filter chain: controllers'
 * answers and the problems of their refusals, unknown routes, {@code /metrics}. Micronaut makes
 * some answers outside that chain (a refusal of the security filter, a request Netty could not
 * decode), and those are all problems, which {@code problem.Problems} marks with {@link #mark} as
 * it renders them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class NoSniff {

  static final String HEADER = "X-Content-Type-Options";

  /** Marks one answer. */
  public static void mark(MutableHttpResponse<?> response) {
    response.getHeaders().set(HEADER, "nosniff");
  }

  @ResponseFilter
  void noSniff(MutableHttpResponse<?> response) {
    mark(response);
  }
}
