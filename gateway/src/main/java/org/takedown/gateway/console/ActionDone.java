package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.actions.OfficerAction;

/**
 * The post-redirect-get of a request page's form: after an action, the redirect to the request's
 * page sets a cookie naming the action (scoped to that page's path, kept a minute), and the page
 * says once that it was done, then forgets it. A cookie rather than a query parameter: a reload or
 * a bookmark of the page never claims an action that was not just taken. It holds an action's name
 * only: nothing personal, nothing secret.
 */
final class ActionDone {

  static final String COOKIE = "console_action_done";

  private static final Duration KEPT = Duration.ofMinutes(1);

  private ActionDone() {}

  /** The property that says whether the console's cookies carry {@code Secure}. */
  static final String SECURE = "${gateway.console.session.secure-cookie:true}";

  /**
   * The cookie that says {@code action} was just done to request {@code id}.
   *
   * @param secure {@code Secure} or not, as the session's cookie ({@link #SECURE})
   */
  static Cookie remember(UUID id, OfficerAction action, boolean secure) {
    return cookie(id, action.wireName(), KEPT, secure);
  }

  /** The cookie that forgets it. */
  static Cookie forget(UUID id, boolean secure) {
    return cookie(id, "", Duration.ZERO, secure);
  }

  /** What the request page {@code request} asks for must say was just done, if anything. */
  static Optional<ActionNotice> read(HttpRequest<?> request) {
    return request
        .getCookies()
        .findCookie(COOKIE)
        .flatMap(cookie -> OfficerAction.ofWireName(cookie.getValue()))
        .map(ActionNotice::done);
  }

  private static Cookie cookie(UUID id, String value, Duration maxAge, boolean secure) {
    return Cookie.of(COOKIE, value)
        .path("/console/requests/" + id)
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(SameSite.Lax);
  }
}
