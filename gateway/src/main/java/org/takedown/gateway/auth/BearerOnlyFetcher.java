package org.takedown.gateway.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * How a call outside the console is authenticated: by the bearer token of its {@code Authorization}
 * header, verified by {@link BearerTokenVerifier} alone (GATEWAY-API.md "Authentication and
 * roles"), and by nothing else.
 *
 * <p>It replaces Micronaut's own token fetcher, which hands every token that any reader finds (a
 * cookie included) to every token validator in the context. The console's sign-in brings
 * micronaut-security-jwt, whose validator checks a token against whatever keys the context holds:
 * the console identity provider's keys (so an ID token meant for the console would pass), and, with
 * no keys at all, an unsigned token ({@code alg: none}). Neither may ever authenticate an API call.
 *
 * <p>Paths under {@code /console} are the console's own: they are authenticated by its session
 * cookie only ({@code console.signin.ConsoleSessionFetcher}), never by a bearer token, so that the
 * two kinds of credential never meet.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class BearerOnlyFetcher implements AuthenticationFetcher<HttpRequest<?>> {

  private final BearerTokenReader reader;
  private final BearerTokenVerifier verifier;

  BearerOnlyFetcher(BearerTokenReader reader, BearerTokenVerifier verifier) {
    this.reader = reader;
    this.verifier = verifier;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    if (ConsolePaths.isConsole(request.getPath())) {
      return Publishers.empty();
    }
    return reader
        .findToken(request)
        .map(token -> verifier.validateToken(token, request))
        .orElseGet(Publishers::empty);
  }
}
