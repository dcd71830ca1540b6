package org.takedown.gateway.localrun.console;

import java.util.List;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The development identity provider's sign-in page, where a local run sends an officer who opens
 * the console: one button per development identity ({@code #identity-officer-1}, ...). It is served
 * by the provider, on its own origin ({@code http://127.0.0.1:<port>/authorize}).
 */
final class IdentityPickerPage extends Page {

  IdentityPickerPage(Browser browser) {
    super(browser, Controls.heading("Connexion de développement"));
  }

  /** Picks {@code subject}; the provider sends the browser back to the gateway's callback. */
  void pick(String subject) {
    find(By.id("identity-" + subject)).click();
  }

  WorkQueuePage signInAsOfficer() {
    pick("officer-1");
    return new WorkQueuePage(browser);
  }

  WorkQueuePage signInAsAdmin() {
    pick("admin-1");
    return new WorkQueuePage(browser);
  }

  ForbiddenPage signInAsSubmitter() {
    pick("e-blagh-triage");
    return new ForbiddenPage(browser);
  }

  /** The identities offered, by their buttons' names. */
  List<String> identities() {
    return browser.driver().findElements(By.cssSelector("button[name=identity]")).stream()
        .map(button -> button.getAttribute("value"))
        .toList();
  }

  /** Whether the provider says a session of its own is still open (it was not ended). */
  boolean showsAnOpenProviderSession() {
    return !browser.driver().findElements(By.id("provider-session")).isEmpty();
  }
}
