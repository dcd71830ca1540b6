package org.takedown.gateway.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.cookie.Cookie;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.console.signin.ConsoleSessions;

/**
 * The console in a gateway under test: its properties (added to {@link TestGateway#properties},
 * which turns the console off by default), and signed-in sessions made directly with the gateway's
 * own {@link ConsoleSessions}, for tests of the pages that need no identity provider. The sign-in
 * itself is tested against a real provider (gateway/local, ConsoleSignInIT).
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

  /** Signs {@code subject} in with {@code roles}, as the sign-in would after the provider. */
  public static SignedIn signIn(ApplicationContext gateway, String subject, String... roles) {
    ConsoleSessions sessions = gateway.getBean(ConsoleSessions.class);
    ConsoleSession session = sessions.open(subject, subject, List.of(roles), null);
    Cookie cookie = sessions.cookie(session);
    return new SignedIn(session, cookie.getValue());
  }
}
