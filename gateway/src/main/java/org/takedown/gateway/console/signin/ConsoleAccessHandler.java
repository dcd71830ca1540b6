package org.takedown.gateway.console.signin;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.oauth2.client.OpenIdClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import org.takedown.gateway.auth.ConsolePaths;
import org.takedown.gateway.console.ConsoleHeaders;

/**
 * What a console request that the security rules refuse gets: not signed in, a trip to the
 * provider's sign-in (an htmx request gets {@code HX-Redirect} instead, since a redirect inside it
 * would go nowhere), remembering the page asked for; signed in without an officer's or admin's
 * role, the console's 403 page (console/ConsoleErrorPages), HTML and never data. Outside {@code
 * /console}, Micronaut's own handling is kept (the API's problems).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class ConsoleAccessHandler extends DefaultAuthorizationExceptionHandler {

  private final boolean consoleEnabled;
  private final BeanContext beans;

  ConsoleAccessHandler(
      ErrorResponseProcessor<?> errorResponseProcessor,
      RedirectConfiguration redirectConfiguration,
      RedirectService redirectService,
      List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
      @Nullable PriorToLoginPersistence priorToLoginPersistence,
      @Value("${" + ConsoleEnabled.PROPERTY + ":true}") boolean consoleEnabled,
      BeanContext beans) {
    super(
        errorResponseProcessor,
        redirectConfiguration,
        redirectService,
        challengeProviders,
        priorToLoginPersistence);
    this.consoleEnabled = consoleEnabled;
    this.beans = beans;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    if (!consoleEnabled || !ConsolePaths.isConsole(request.getPath())) {
      return super.handle(request, exception);
    }
    if (exception.isForbidden()) {
      // the console's 403 page (console/ConsoleErrorPages), with the session's sign-out form
      return super.handle(request, exception);
    }
    if (!beans.containsBean(OpenIdClient.class, Qualifiers.byName(SignInPaths.CLIENT))) {
      return SignInPages.respond(HttpStatus.SERVICE_UNAVAILABLE, SignInPages.signInUnavailable());
    }
    if (request.getHeaders().contains("HX-Request")) {
      MutableHttpResponse<?> htmx =
          HttpResponse.status(HttpStatus.UNAUTHORIZED).header("HX-Redirect", SignInPaths.SIGN_IN);
      ConsoleHeaders.mark(htmx);
      return htmx;
    }
    MutableHttpResponse<?> response =
        HttpResponse.status(HttpStatus.SEE_OTHER)
            .headers(h -> h.location(URI.create(SignInPaths.SIGN_IN)));
    ConsoleHeaders.mark(response);
    if (request.getMethod() == HttpMethod.GET) {
      NextPage.of(request)
          .ifPresent(
              page ->
                  response.cookie(
                      beans
                          .getBean(ConsoleSessions.class)
                          .configure(Cookie.of(NextPage.COOKIE, NextPage.encode(page)))
                          .maxAge(NextPage.KEPT)));
    }
    return response;
  }
}
