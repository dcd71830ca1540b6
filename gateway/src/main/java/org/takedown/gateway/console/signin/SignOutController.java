package org.takedown.gateway.console.signin;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.url.AbsoluteUrlBuilder;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.console.ConsoleHeaders;

/**
 * Sign-out: {@code POST /console/sign-out} with the CSRF token (checked by {@link
 * ConsoleCsrfFilter}) clears the session cookie and ends the provider's session too (OpenID Connect
 * RP-initiated logout: the end-session endpoint with {@code id_token_hint}, {@code client_id} and
 * {@code post_logout_redirect_uri}), which sends the officer back to {@code /console/signed-out}. A
 * provider without an end-session endpoint leaves its own session open; the officer lands on the
 * signed-out page directly.
 */
@Controller
@ConsoleEnabled
final class SignOutController {

  private static final Logger LOG = LoggerFactory.getLogger(SignOutController.class);

  private final ConsoleSessions sessions;
  private final ConsoleOidcProperties oidc;
  private final AbsoluteUrlBuilder<HttpRequest<?>> urls;
  private final BeanContext beans;

  SignOutController(
      ConsoleSessions sessions,
      ConsoleOidcProperties oidc,
      AbsoluteUrlBuilder<HttpRequest<?>> urls,
      BeanContext beans) {
    this.sessions = sessions;
    this.oidc = oidc;
    this.urls = urls;
    this.beans = beans;
  }

  @Post(SignInPaths.SIGN_OUT)
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
  @Produces(MediaType.TEXT_HTML)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<String> signOut(HttpRequest<?> request, ConsoleSession session) {
    LOG.info("console sign-out: {}", session.subject());
    Optional<String> endSession =
        beans
            .findBean(OpenIdProviderMetadata.class, Qualifiers.byName(SignInPaths.CLIENT))
            .map(OpenIdProviderMetadata::getEndSessionEndpoint)
            .filter(endpoint -> endpoint != null && !endpoint.isBlank());
    String signedOut = urls.buildUrl(request, SignInPaths.SIGNED_OUT).toString();
    if (endSession.isEmpty()) {
      return HttpResponse.<String>seeOther(URI.create(SignInPaths.SIGNED_OUT))
          .cookie(sessions.cleared());
    }
    URI endpoint = URI.create(endSession.get());
    String providerOrigin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    MutableHttpResponse<String> page =
        HttpResponse.<String>status(HttpStatus.OK)
            .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
            // the console's policy, but for the one form this page posts to the provider
            .header(
                "Content-Security-Policy",
                ConsoleHeaders.CONTENT_SECURITY_POLICY.replace(
                    "form-action 'self'", "form-action 'self' " + providerOrigin))
            .body(
                SignInPages.endSession(
                    endSession.get(), session.idToken(), oidc.clientId(), signedOut));
    ConsoleHeaders.mark(page);
    return page.cookie(sessions.cleared());
  }

  @Get(SignInPaths.SIGNED_OUT)
  @Produces(MediaType.TEXT_HTML)
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<String> signedOut() {
    return SignInPages.respond(HttpStatus.OK, SignInPages.signedOut());
  }

  /** Submits the end-session form: a script of the gateway's own, as CSP allows. */
  @Get(SignInPaths.END_SESSION_SCRIPT)
  @Produces("text/javascript")
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<String> endSessionScript() {
    return HttpResponse.ok("document.getElementById('end-session').submit();\n")
        .header("Cache-Control", "public, max-age=3600");
  }
}
