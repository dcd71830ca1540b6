package org.takedown.gateway.console.signin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every console request that may change something (any method but GET, HEAD, OPTIONS and TRACE)
 * carries its session's CSRF token, in the header {@value ConsoleCsrf#HEADER} or in the form field
 * {@value ConsoleCsrf#FIELD}; one without it, or with another session's, is refused with the 403
 * page before any controller runs, so nothing changes. Whatever its content type: a cross-site form
 * can post {@code text/plain} as easily as a form encoding. The one exception is the language
 * switch, which changes only the reader's own language cookie.
 *
 * <p>Micronaut's own micronaut-security-csrf was not used: its 4.15 line is not served here, and it
 * checks only form-encoded bodies by default and logs a refused token at WARN.
 */
@ServerFilter(ConsoleCsrfFilter.PATTERN)
@ConsoleEnabled
final class ConsoleCsrfFilter implements Ordered {

  static final String PATTERN = "/console/**";

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  /**
   * The language switch (console/LanguageController): it changes nothing but the caller's own
   * language cookie, and the pages without a session (error, signed-out) carry it too.
   */
  private static final Set<String> EXEMPT = Set.of("/console/language");

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleCsrfFilter.class);

  private final ConsoleSessions sessions;

  ConsoleCsrfFilter(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  /**
   * Runs once the body has arrived ({@code @Body} makes Micronaut wait for it and keeps it for the
   * controller), so that the check itself is synchronous.
   */
  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request, @Body @Nullable byte[] body) {
    if (SAFE.contains(request.getMethod()) || EXEMPT.contains(request.getPath())) {
      return null;
    }
    Optional<ConsoleSession> session = ConsoleSession.of(request);
    if (session.isEmpty()) {
      return refusal(request, "no session");
    }
    String header = request.getHeaders().get(ConsoleCsrf.HEADER);
    if (header != null) {
      return sessions.csrfMatches(session.get(), header)
          ? null
          : refusal(request, "wrong token in header");
    }
    boolean form =
        request
            .getContentType()
            .filter(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
            .isPresent();
    if (!form || body == null) {
      return refusal(request, "no token");
    }
    return sessions.csrfMatches(session.get(), field(new String(body, StandardCharsets.UTF_8)))
        ? null
        : refusal(request, "no or wrong token in form");
  }

  /** The token field's one value in a form-encoded body; a repeated field counts as none. */
  static @Nullable String field(String form) {
    String found = null;
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      try {
        if (!ConsoleCsrf.FIELD.equals(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
          continue;
        }
        if (found != null) {
          return null;
        }
        found =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return found;
  }

  private static HttpResponse<?> refusal(HttpRequest<?> request, String why) {
    // never a token: they are credentials
    LOG.info(
        "console {} {} refused: CSRF check failed ({})",
        request.getMethod(),
        request.getPath(),
        why);
    return SignInPages.respond(HttpStatus.FORBIDDEN, SignInPages.csrfRefused());
  }

  @Override
  public int getOrder() {
    // after the security filter, which reads the session
    return ServerFilterPhase.SECURITY.after();
  }
}
