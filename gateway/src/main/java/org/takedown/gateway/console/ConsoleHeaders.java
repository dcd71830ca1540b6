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

  /** Referrers stay on the gateway's origin; same-origin posts keep their true {@code Origin}. */
  public static final String REFERRER_POLICY = "same-origin";

  /** Marks one answer. */
  public static void mark(MutableHttpResponse<?> response) {
    // a page that sets its own keeps it: the sign-out hand-over posts a form to the identity
    // provider, which form-action 'self' would block (console/signin/SignOutController)
    if (!response.getHeaders().contains("Content-Security-Policy")) {
      response.getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    response.getHeaders().set("X-Frame-Options", "DENY");
    // no Referer leaves the gateway's origin (a page's address names a request). Not no-referrer:
    // under it a browser sends "Origin: null" with every form it posts, and Micronaut's CORS filter
    // refuses a POST from a "null" origin to a gateway on localhost (its drive-by-localhost guard),
    // so that every console form of a local run answered an empty 403 in Chromium
    response.getHeaders().set("Referrer-Policy", REFERRER_POLICY);
    if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
      response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }

  @ResponseFilter
  void headers(MutableHttpResponse<?> response) {
    mark(response);
  }
}
