package org.takedown.gateway.localrun.console;

import java.util.List;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/cases/{id}}: a case, its legal basis, its requester and its requests. */
final class CasePage extends Page {

  CasePage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=case-requests]"));
  }

  static CasePage open(Browser browser, String caseId) {
    browser.open("/console/cases/" + caseId);
    return new CasePage(browser);
  }

  /** A fact as the page shows it, by its {@code data-testid} ({@code fact-law}, ...). */
  String fact(String testId) {
    return find(By.cssSelector("[data-testid=" + testId + "]")).getText();
  }

  /** The page's main heading, as the officer reads it. */
  String heading() {
    return find(By.tagName("h1")).getText();
  }

  /** Waits until the case's row of the request shows {@code status} (the page refreshes it). */
  void awaitStatus(String requestId, String status) {
    By row = By.cssSelector("[data-testid=case-request][data-request-id='" + requestId + "']");
    browser.waitUntil(
        driver ->
            driver.findElements(row).stream()
                .anyMatch(r -> status.equals(r.getAttribute("data-status"))),
        "request " + requestId + " " + status + " on the case page");
  }

  /** The ids of the case's requests, as listed. */
  List<String> requestIds() {
    return browser.driver().findElements(By.cssSelector("[data-testid=case-request]")).stream()
        .map(row -> row.getAttribute("data-request-id"))
        .toList();
  }
}
