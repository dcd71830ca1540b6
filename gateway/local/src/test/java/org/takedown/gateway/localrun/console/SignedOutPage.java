package org.takedown.gateway.localrun.console;

import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * {@code /console/signed-out}: where the provider's end-session endpoint sends the browser back
 * once both sessions, the console's and the provider's, are over.
 */
public final class SignedOutPage extends Page {

  public SignedOutPage(Browser browser) {
    super(browser, Controls.heading("Vous êtes déconnecté"));
  }

  /** "Se connecter à nouveau": the console again, which asks the provider who signs in. */
  IdentityPickerPage signInAgain() {
    find(Controls.link("Se connecter à nouveau")).click();
    return new IdentityPickerPage(browser);
  }
}
