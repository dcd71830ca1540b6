package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/partners}: each partner's state and queue, refreshed every few seconds. */
final class PartnersBoardPage extends Page {

  PartnersBoardPage(Browser browser) {
    super(browser, Controls.heading("Partenaires"));
  }

  /** The number of {@code platform}'s failed requests, once the counts show {@code expected}. */
  PartnersBoardPage awaitFailed(String platform, String expected) {
    By failed =
        By.cssSelector(
            "[data-testid=partner-row][data-platform=" + platform + "] [data-testid=failed]");
    browser.showing(failed, expected);
    return this;
  }

  /**
   * Follows the link of {@code platform}'s failures (an admin's) to the dead letter. The board is
   * replaced every few seconds: the link is looked up again if it was replaced under the click.
   */
  DeadLetterListPage openFailuresOf(String platform) {
    By link = By.cssSelector("[data-platform=" + platform + "] a[data-testid=dead-letter-link]");
    browser.waitUntil(
        driver -> {
          driver.findElement(link).click();
          return true;
        },
        "a click on the link to " + platform + "'s failures");
    return new DeadLetterListPage(browser);
  }
}
