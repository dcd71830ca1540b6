package org.takedown.gateway.console.signin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A signed-in console user, read from the session cookie of the request being served.
 *
 * <p>A console controller declares a {@code ConsoleSession} parameter (bound by {@code
 * ConsoleSessionBinder}) or calls {@link #of}; every form that changes something carries {@link
 * #csrfToken()} in a hidden field named {@value ConsoleCsrf#FIELD}, and every htmx request in the
 * header {@value ConsoleCsrf#HEADER} ({@code hx-headers} on the page's body).
 *
 * @param subject the provider's {@code sub}: the actor of every action taken in this session
 * @param displayName what to show for the user ({@code preferred_username}, else {@code name}, else
 *     the subject)
 * @param roles the roles read at sign-in from {@code gateway.console.oidc.roles-claim}
 * @param sessionId random, one per sign-in
 * @param expiresAt when the session ends ({@code gateway.console.session.length} after sign-in)
 * @param csrfToken the token that every state-changing request of this session must carry
 * @param idToken the provider's ID token, the hint that ends the provider's session at sign-out;
 *     null when it was too large to keep in the cookie
 */
public record ConsoleSession(
    String subject,
    String displayName,
    List<String> roles,
    String sessionId,
    Instant expiresAt,
    String csrfToken,
    @Nullable String idToken) {

  /** The request attribute holding the session of a console request. */
  public static final String ATTRIBUTE = "takedown.console.session";

  public ConsoleSession {
    roles = List.copyOf(roles);
  }

  /** The session of {@code request}, when it is a console request with a valid session cookie. */
  public static Optional<ConsoleSession> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, ConsoleSession.class);
  }

  @Override
  public String toString() {
    // neither the CSRF token nor the ID token reaches a log line
    return "ConsoleSession[subject=" + subject + ", roles=" + roles + ", until=" + expiresAt + "]";
  }
}
