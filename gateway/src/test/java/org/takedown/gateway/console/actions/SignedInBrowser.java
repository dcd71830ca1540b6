package org.takedown.gateway.console.actions;

import io.micronaut.context.ApplicationContext;
import org.openqa.selenium.Cookie;
import org.takedown.gateway.console.signin.ConsoleSessions;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.browser.Browser;

/**
 * Signs a browser in to the gateway under test without an identity provider: a session made by the
 * gateway's own ConsoleSessions (TestConsole), its cookie added to the browser as the sign-in's
 * callback would set it. The sign-in itself is tested in gateway/local, against a provider.
 */
final class SignedInBrowser {

  private SignedInBrowser() {}

  /** Signs {@code browser} in as {@code subject} with {@code roles}; answers the session. */
  static TestConsole.SignedIn signIn(
      Browser browser, ApplicationContext gateway, String subject, String... roles) {
    TestConsole.SignedIn session = TestConsole.signIn(gateway, subject, roles);
    // a cookie is added for the page shown: first a page of the gateway's console
    browser.open("/console/language");
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder(ConsoleSessions.COOKIE, session.cookie())
                .path("/console")
                .isHttpOnly(true)
                .sameSite("Lax")
                .build());
    return session;
  }
}
