package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** The retry of everything the dead letter's filters select: the count, then what was done. */
final class DeadLetterRetryPage extends Page {

  DeadLetterRetryPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=dry-run-count], [data-testid=retry-result]"));
  }

  /** What the count says: {@code 2 demande(s) en échec correspondent...}. */
  String count() {
    return find(By.cssSelector("[data-testid=dry-run-count]")).getText();
  }

  DeadLetterRetryPage confirm(String button) {
    find(Controls.button(button)).click();
    browser.visible(By.cssSelector("[data-testid=retry-result]"));
    return new DeadLetterRetryPage(browser);
  }

  String result() {
    return find(By.cssSelector("[data-testid=retry-result]")).getText();
  }
}
