package org.takedown.gateway.testing;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.cookie.Cookie;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.console.signin.ConsoleSessions;
import org.takedown.gateway.console.signin.TestSessions;

/**
 * The console in a gateway under test: its properties (part of {@link TestGateway#properties}), and
 * signed-in sessions made directly with the gateway's own {@link ConsoleSessions}, for tests of the
 * pages that need no identity provider. The sign-in itself is tested against a real provider
 * (gateway/local, ConsoleSignInIT).
 */
public final class TestConsole {

  /** A session secret for tests: at least 32 characters, as production requires. */
  public static final String SESSION_SECRET = "test-console-session-secret-0123456789-abcdef";

  private TestConsole() {}

  /**
   * The console on, with a session secret and cookies without {@code Secure} (the tests speak plain
   * http). No identity provider: a request without a session gets a 503 "sign-in unavailable" page.
   */
  public static Map<String, String> properties() {
    return Map.of(
        "gateway.console.enabled", "true",
        "gateway.console.session.secret", SESSION_SECRET,
        "gateway.console.session.secure-cookie", "false");
  }

  /** A signed-in user of {@code gateway}'s console. */
  public record SignedIn(ConsoleSession session, String cookie) {

    /** The value of a {@code Cookie} request header that carries this session. */
    public String cookieHeader() {
      return ConsoleSessions.COOKIE + "=" + cookie;
    }

    public String csrfToken() {
      return session.csrfToken();
    }
  }

  /**
   * The {@code Cookie} header value of a session for the caller a test token names (its {@code sub}
   * and {@code roles}, read without checking it), sealed with {@link #SESSION_SECRET}: how a test
   * that holds tokens (TestTokens) reads the console, which takes no bearer token.
   */
  public static String cookieFor(String token) {
    try {
      JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
      List<String> roles = claims.getStringListClaim("roles");
      ConsoleSessions sessions = TestSessions.sealedWith(SESSION_SECRET);
      ConsoleSession session =
          sessions.open(
              claims.getSubject(), claims.getSubject(), roles == null ? List.of() : roles, null);
      return ConsoleSessions.COOKIE + "=" + sessions.cookie(session).getValue();
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWT", e);
    }
  }

  /** Signs {@code subject} in with {@code roles}, as the sign-in would after the provider. */
  public static SignedIn signIn(ApplicationContext gateway, String subject, String... roles) {
    ConsoleSessions sessions = gateway.getBean(ConsoleSessions.class);
    ConsoleSession session = sessions.open(subject, subject, List.of(roles), null);
    Cookie cookie = sessions.cookie(session);
    return new SignedIn(session, cookie.getValue());
  }
}
