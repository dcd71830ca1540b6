package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/** One request's page, {@code /console/requests/{id}}. */
final class RequestDetailPage extends Page {

  RequestDetailPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=fact-id]"));
  }

  static RequestDetailPage open(Browser browser, String id) {
    browser.open("/console/requests/" + id);
    return new RequestDetailPage(browser);
  }

  String id() {
    return find(By.cssSelector("[data-testid=fact-id]")).getText();
  }

  String status() {
    return find(By.cssSelector("[data-testid=fact-status]")).getAttribute("data-status");
  }

  String partnerRef() {
    return find(By.cssSelector("[data-testid=fact-partner-ref]")).getText();
  }
}
