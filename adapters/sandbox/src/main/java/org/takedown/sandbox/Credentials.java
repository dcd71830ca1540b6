package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** How the simulated partners read and compare the credentials a call carries. */
final class Credentials {

  private static final String BEARER = "Bearer ";

  private Credentials() {}

  /** The token of the call's {@code Authorization: Bearer} header, if it has one. */
  static Optional<String> bearerToken(Request request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** Compares a presented secret in constant time, as a partner would. */
  static boolean matches(String presented, String expected) {
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
