package org.takedown.gateway.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every answer under {@code /console} tells the browser to run no script but the console's own
 * files (no inline script, style or event handler), to load nothing from elsewhere, to send forms
 * only to the gateway, to show the console in no frame, and to send no {@code Referer} to another
 * site (a page's address names a request). Pages are not stored by the browser or a proxy (they
 * hold personal data and are read on shared workstations); the assets set their own caching.
 *
 * <p>This filter marks what passes through Micronaut's filter chain; error pages made outside it (a
 * refusal of the security filter) are marked by {@link ConsoleErrorPages} with {@link #mark}.
 */
@ServerFilter({"/console", "/console/**"})
public final class ConsoleHeaders {

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  /** Marks one answer. */
  public static void mark(MutableHttpResponse<?> response) {
    // a page that sets its own keeps it: the sign-out hand-over posts a form to the identity
    // provider, which form-action 'self' would block (console/signin/SignOutController)
    if (!response.getHeaders().contains("Content-Security-Policy")) {
      response.getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    response.getHeaders().set("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer a browser posts the console's own forms with
    // "Origin: null", which Micronaut's guard against drive-by requests to a local server refuses
    // (an empty 403) wherever the gateway answers as localhost, as in the local run
    response.getHeaders().set("Referrer-Policy", "same-origin");
    if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
      response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }

  @ResponseFilter
  void headers(MutableHttpResponse<?> response) {
    mark(response);
  }
}
