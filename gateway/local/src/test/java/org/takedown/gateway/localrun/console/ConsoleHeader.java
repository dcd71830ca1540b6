package org.takedown.gateway.localrun.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;

/**
 * What every console page's header offers, the 403 page's included: the sign-out button, a form
 * that carries the session's CSRF token.
 */
final class ConsoleHeader {

  private static final By SIGN_OUT_FORM = By.cssSelector("[data-testid=sign-out]");
  private static final By TOKEN = By.cssSelector("input[name=csrfToken]");

  private ConsoleHeader() {}

  /**
   * Clicks "Se déconnecter": the gateway clears its session and hands the browser to the provider's
   * end-session endpoint, which sends it back to the gateway's signed-out page.
   */
  static SignedOutPage signOut(Browser browser) {
    browser.visible(SIGN_OUT_FORM).findElement(Controls.button("Se déconnecter")).click();
    return new SignedOutPage(browser);
  }

  /** The CSRF token the page's sign-out form carries. */
  static String csrfToken(Browser browser) {
    return browser.visible(SIGN_OUT_FORM).findElement(TOKEN).getAttribute("value");
  }

  /**
   * Posts the sign-out form as a forged or stale form would come: without its token ({@code token}
   * null) or with {@code token} in its place.
   */
  static ActionRefusedPage signOutWithToken(Browser browser, String token) {
    WebElement form = browser.visible(SIGN_OUT_FORM);
    if (token == null) {
      browser.script("arguments[0].remove();", form.findElement(TOKEN));
    } else {
      browser.script("arguments[0].value = arguments[1];", form.findElement(TOKEN), token);
    }
    form.findElement(Controls.button("Se déconnecter")).click();
    return new ActionRefusedPage(browser);
  }
}
