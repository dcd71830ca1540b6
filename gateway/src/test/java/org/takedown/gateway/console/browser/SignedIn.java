package org.takedown.gateway.console.browser;

import io.micronaut.context.ApplicationContext;
import org.openqa.selenium.Cookie;
import org.takedown.gateway.console.signin.ConsoleSessions;
import org.takedown.gateway.console.signin.SignInPaths;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.browser.Browser;

/**
 * Signs a test's browser in to the gateway under test without an identity provider: a session made
 * by the gateway's own {@link ConsoleSessions} (TestConsole), put in the browser as the sign-in
 * would put it. The sign-in itself is tested against a real provider in gateway/local.
 */
final class SignedIn {

  private SignedIn() {}

  /**
   * Signs {@code browser} in as {@code subject} with {@code roles}; the browser shows a blank page.
   */
  static void as(Browser browser, ApplicationContext gateway, String subject, String... roles) {
    TestConsole.SignedIn session = TestConsole.signIn(gateway, subject, roles);
    // a page of the gateway's own, so that the cookie is the gateway's: the signed-out page
    browser.open(SignInPaths.SIGNED_OUT);
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder(ConsoleSessions.COOKIE, session.cookie())
                .path("/console")
                .isHttpOnly(true)
                .build());
  }
}
