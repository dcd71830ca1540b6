package org.takedown.gateway.localrun.console;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/** The console's 403 page: for anyone signed in without the officer's or the admin's role. */
public final class ForbiddenPage extends Page {

  public ForbiddenPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=error-page][data-status='403']"));
  }

  /** What the page says, heading and message. */
  String text() {
    return find(By.cssSelector("[data-testid=error-page]")).getText();
  }

  /** The header's "signed in as" line. */
  public String signedIn() {
    return find(By.cssSelector("[data-testid=signed-in]")).getText();
  }

  public SignedOutPage signOut() {
    return ConsoleHeader.signOut(browser);
  }
}
