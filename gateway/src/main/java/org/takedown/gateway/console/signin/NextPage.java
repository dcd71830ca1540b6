package org.takedown.gateway.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.takedown.gateway.auth.ConsolePaths;

/**
 * The console page an officer asked for before signing in, kept in a short-lived cookie across the
 * trip to the provider, so that the callback lands on it. Only a console path of this gateway is
 * ever kept or followed: never another host, never a path outside {@code /console}.
 */
final class NextPage {

  static final String COOKIE = "takedown_console_next";
  static final Duration KEPT = Duration.ofMinutes(10);

  private NextPage() {}

  /** {@code path?query} of a page request, when it is one to come back to. */
  static Optional<String> of(HttpRequest<?> request) {
    String raw = request.getUri().getRawPath();
    String query = request.getUri().getRawQuery();
    String target = query == null ? raw : raw + "?" + query;
    return safe(target);
  }

  static String encode(String target) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(target.getBytes(StandardCharsets.UTF_8));
  }

  /** The page a cookie names, when it is a safe one. */
  static Optional<String> decode(Cookie cookie) {
    try {
      String target =
          new String(Base64.getUrlDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
      return safe(target);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A relative reference to a console page: it starts with {@code /console}, holds no {@code //},
   * backslash, dot segment (plain or percent-encoded) or control character, and is not the sign-in
   * flow itself.
   */
  static Optional<String> safe(String target) {
    if (target == null || target.length() > 2000) {
      return Optional.empty();
    }
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    boolean clean =
        ConsolePaths.isConsole(path)
            && !path.startsWith(SignInPaths.SIGN_IN)
            && !path.equals(SignInPaths.SIGN_OUT)
            && !path.equals(SignInPaths.SIGNED_OUT)
            && !target.contains("//")
            && !target.contains("\\")
            && !path.contains("/.")
            && !target.toLowerCase(java.util.Locale.ROOT).contains("%2e")
            && target.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    return clean ? Optional.of(target) : Optional.empty();
  }
}
