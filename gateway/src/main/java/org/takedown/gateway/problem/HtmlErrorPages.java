package org.takedown.gateway.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/**
 * Error answers shown as HTML pages instead of problems, for the paths a person reads in a browser
 * (the officers' console). The problem is made first, exactly as for the API (same status, same log
 * line, same headers, same correlation id); a page only replaces its body.
 */
public interface HtmlErrorPages {

  /** True when errors of {@code request} are shown as pages. */
  boolean serves(HttpRequest<?> request);

  /**
   * The answer with an HTML page for {@code problem} as its body; its status and headers kept.
   *
   * @param problem the problem's members ({@code status}, {@code title}, {@code correlationId} ...)
   */
  MutableHttpResponse<?> render(
      HttpRequest<?> request, MutableHttpResponse<?> response, Map<String, Object> problem);
}
