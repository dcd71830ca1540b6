package org.takedown.gateway.localrun.console;

import java.util.List;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/requests/{id}}: one request, its facts and its timeline. */
final class RequestPage extends Page {

  RequestPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=request-status]"));
  }

  static RequestPage open(Browser browser, String requestId) {
    browser.open("/console/requests/" + requestId);
    return new RequestPage(browser);
  }

  /** The state in the facts, as {@code data-status} names it (e.g. {@code IN_REVIEW}). */
  String status() {
    return find(By.cssSelector("[data-testid=fact-status]")).getAttribute("data-status");
  }

  /** A fact as the page shows it, by its {@code data-testid} ({@code fact-outcome}, ...). */
  String fact(String testId) {
    return find(By.cssSelector("[data-testid=" + testId + "]")).getText();
  }

  /** Waits until the page shows {@code status}, in its heading and in its facts. */
  void awaitStatus(String status, String label) {
    browser.waitUntil(
        driver -> status.equals(status()) && label.equals(heading()),
        "the request page showing " + status + " (" + label + ")");
  }

  /** The state badge of the heading. */
  String heading() {
    return find(By.cssSelector("[data-testid=request-status]")).getText();
  }

  /** The timeline's lines' sources, oldest first ({@code gateway}, {@code partner-callback}...). */
  List<String> timelineSources() {
    return browser.driver().findElements(By.cssSelector("[data-testid=timeline-entry]")).stream()
        .map(line -> line.getAttribute("data-source"))
        .toList();
  }

  /** The reference of the request's case, as its link reads. */
  String caseReference() {
    return find(By.cssSelector(".case-line [data-testid=case-link]")).getText();
  }

  CasePage openCase() {
    find(By.cssSelector(".case-line [data-testid=case-link]")).click();
    return new CasePage(browser);
  }
}
