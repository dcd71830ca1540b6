package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/**
 * One custody entry's page, {@code /console/custody/entries/{index}}: its leaf input, its content,
 * its inclusion proof to the newest signed checkpoint and the gateway's verdict on it.
 */
final class CustodyEntryProofPage extends Page {

  CustodyEntryProofPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=proof-verdict]"));
  }

  /** True when the page says the proof, the checkpoint's signature and the content hold. */
  boolean verified() {
    return "true"
        .equals(find(By.cssSelector("[data-testid=proof-verdict]")).getAttribute("data-verified"));
  }

  String verdict() {
    return find(By.cssSelector("[data-testid=proof-verdict]")).getText();
  }

  String index() {
    return find(By.cssSelector("[data-testid=proof-index]")).getText();
  }

  String kind() {
    return find(By.cssSelector("[data-testid=leaf-kind]")).getText();
  }
}
