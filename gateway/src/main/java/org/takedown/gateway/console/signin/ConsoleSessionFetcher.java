package org.takedown.gateway.console.signin;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.takedown.gateway.auth.ConsolePaths;

/**
 * Authenticates a console request by its session cookie, and only a console request: under {@code
 * /api} (and everywhere outside {@code /console}) the cookie is never read, so a page of another
 * site cannot make a signed-in officer's browser call the API (the cookie's path keeps browsers
 * from sending it there in the first place). The session is also kept as a request attribute
 * ({@link ConsoleSession#of}) for the CSRF check and the pages.
 *
 * <p>The {@link Authentication}'s name is the provider's {@code sub} (the actor of every action);
 * its attribute {@value #NAME} is the name the provider gave at sign-in, which the pages show
 * (console/ConsolePages). A provider's {@code sub} is often an opaque id (a UUID at Keycloak).
 */
@Singleton
@ConsoleEnabled
final class ConsoleSessionFetcher implements AuthenticationFetcher<HttpRequest<?>> {

  /** An attribute of a console session's {@link Authentication}. */
  static final String CONSOLE = "console";

  /** The attribute holding the name to show, as a token's {@code name} claim would. */
  static final String NAME = "name";

  private final ConsoleSessions sessions;

  ConsoleSessionFetcher(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    if (!ConsolePaths.isConsole(request.getPath())) {
      return Publishers.empty();
    }
    Optional<ConsoleSession> session =
        request
            .getCookies()
            .findCookie(ConsoleSessions.COOKIE)
            .map(Cookie::getValue)
            .flatMap(sessions::read);
    if (session.isEmpty()) {
      return Publishers.empty();
    }
    request.setAttribute(ConsoleSession.ATTRIBUTE, session.get());
    return Publishers.just(
        Authentication.build(
            session.get().subject(),
            session.get().roles(),
            Map.of(CONSOLE, true, NAME, session.get().displayName())));
  }
}
