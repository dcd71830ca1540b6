package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Cookie;
import org.takedown.gateway.console.signin.ConsoleSessions;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.gateway.testing.browser.Controls;

/**
 * The console's forms as Chromium posts them, on a gateway served at {@code localhost} as the local
 * run is: a browser sends an {@code Origin} with every POST, shaped by the page's {@code
 * Referrer-Policy}, and the gateway must take it. (With {@code no-referrer}, Chromium sent {@code
 * Origin: null}, which Micronaut's guard against drive-by requests to a local server refused with
 * an empty 403: every button of the console failed in the local run.)
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class ConsoleFormsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  /** Opens the work queue signed in as an officer: the session cookie, as the sign-in sets it. */
  private void openTheQueueAsAnOfficer(Browser browser) {
    TestConsole.SignedIn officer = TestConsole.signIn(context, "officer-3", "liaison-officer");
    browser.open("/console/signed-out"); // a page of the gateway's, to set its cookie on
    browser
        .driver()
        .manage()
        .addCookie(new Cookie(ConsoleSessions.COOKIE, officer.cookie(), "/console"));
    browser.open("/console");
    browser.visible(Controls.heading("File de travail"));
  }

  @Test
  void theLanguageSwitchPostedByTheBrowserChangesThePage(Browser browser) {
    openTheQueueAsAnOfficer(browser);

    browser.visible(Controls.button("English")).click();

    browser.visible(Controls.heading("Work queue"));
    assertEquals("/console", browser.currentPath());
  }

  @Test
  void signOutPostedByTheBrowserEndsTheSession(Browser browser) {
    openTheQueueAsAnOfficer(browser);

    browser.visible(Controls.button("Se déconnecter")).click();

    browser.visible(Controls.heading("Vous êtes déconnecté"));
    assertEquals("/console/signed-out", browser.currentPath());
    browser.open("/console");
    browser.visible(Controls.heading("Connexion indisponible")); // no provider here: no session
  }
}
