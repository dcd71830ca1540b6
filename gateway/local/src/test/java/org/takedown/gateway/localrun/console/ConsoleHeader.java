package org.takedown.gateway.localrun.console;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;

/** What every console page's header offers, the 403 page's included: the sign-out button. */
final class ConsoleHeader {

  private ConsoleHeader() {}

  /**
   * Clicks "Se déconnecter": the gateway clears its session and hands the browser to the provider's
   * end-session endpoint, which sends it back to the gateway's signed-out page.
   */
  static SignedOutPage signOut(Browser browser) {
    browser
        .visible(By.cssSelector("[data-testid=sign-out]"))
        .findElement(Controls.button("Se déconnecter"))
        .click();
    return new SignedOutPage(browser);
  }
}
