package org.takedown.gateway.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.auth.ConsolePaths;

/**
 * Ends the provider's callback (Micronaut's OpenID client has checked the state, exchanged the code
 * with its PKCE verifier and validated the ID token and its nonce): opens the console session, sets
 * its cookie and sends the officer to the page asked for, else to {@code /console}. Everyone the
 * provider authenticated gets a session; the pages then decide by role, so that someone without an
 * officer's role sees the 403 page and can still sign out (and so sign in as someone else).
 */
@Singleton
@ConsoleEnabled
final class ConsoleLoginHandler
    implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleLoginHandler.class);

  private final ConsoleSessions sessions;

  ConsoleLoginHandler(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public MutableHttpResponse<?> loginSuccess(
      Authentication authentication, HttpRequest<?> request) {
    Object idToken = authentication.getAttributes().get(ConsoleAuthenticationMapper.ID_TOKEN);
    Object name = authentication.getAttributes().get(ConsoleAuthenticationMapper.DISPLAY_NAME);
    ConsoleSession session =
        sessions.open(
            authentication.getName(),
            name instanceof String n ? n : authentication.getName(),
            List.copyOf(authentication.getRoles()),
            idToken instanceof String t ? t : null);
    Optional<Cookie> next = request.getCookies().findCookie(NextPage.COOKIE);
    String target = next.flatMap(NextPage::decode).orElse(ConsolePaths.ROOT);
    // officers are named in the log by their sub (docs/decisions/0020), never by a name or e-mail
    // claim
    LOG.info("console sign-in: {} with roles {}", session.subject(), session.roles());
    MutableHttpResponse<?> response =
        HttpResponse.status(HttpStatus.SEE_OTHER)
            .headers(h -> h.location(URI.create(target)))
            .cookie(sessions.cookie(session));
    if (next.isPresent()) {
      response.cookie(sessions.configure(Cookie.of(NextPage.COOKIE, "")).maxAge(0));
    }
    return response;
  }

  @Override
  public MutableHttpResponse<?> loginRefresh(
      Authentication authentication, String refreshToken, HttpRequest<?> request) {
    return loginFailed(AuthenticationResponse.failure("no refresh"), request);
  }

  @Override
  public MutableHttpResponse<?> loginFailed(
      AuthenticationResponse authenticationResponse, HttpRequest<?> request) {
    // the reason is Micronaut's (state, nonce, token checks): it names no person
    LOG.info(
        "console sign-in refused: {}", authenticationResponse.getMessage().orElse("no reason"));
    return SignInPages.respond(HttpStatus.UNAUTHORIZED, SignInPages.signInFailed());
  }
}
