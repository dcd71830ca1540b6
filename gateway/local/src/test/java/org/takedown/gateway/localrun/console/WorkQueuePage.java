package org.takedown.gateway.localrun.console;

import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/**
 * {@code /console}, the work queue: the open requests by deadline ({@code queue-row}, with {@code
 * data-request-id}, {@code data-status} and {@code data-due-state}) and the partners' board, which
 * htmx replaces every few seconds.
 */
public final class WorkQueuePage extends Page {

  static final String PATH = "/console";

  public WorkQueuePage(Browser browser) {
    super(browser, By.id("work-queue-board"));
  }

  static WorkQueuePage open(Browser browser) {
    browser.open(PATH);
    return new WorkQueuePage(browser);
  }

  /** The header's "signed in as" line. */
  public String signedIn() {
    return find(By.cssSelector("[data-testid=signed-in]")).getText();
  }

  private static By row(String requestId) {
    return By.cssSelector("[data-testid=queue-row][data-request-id='" + requestId + "']");
  }

  /** The request's row, when it is on the queue now. */
  Optional<WebElement> rowOf(String requestId) {
    return browser.driver().findElements(row(requestId)).stream().findFirst();
  }

  /** Waits until the request's row shows {@code status} (the board refreshes itself). */
  void awaitStatus(String requestId, String status) {
    browser.waitUntil(
        driver ->
            driver.findElements(row(requestId)).stream()
                .anyMatch(r -> status.equals(r.getAttribute("data-status"))),
        "request " + requestId + " " + status + " on the work queue");
  }

  /** Waits until the request's row is in {@code dueState} ({@code overdue}, {@code urgent}...). */
  void awaitDueState(String requestId, String dueState) {
    browser.waitUntil(
        driver ->
            driver.findElements(row(requestId)).stream()
                .anyMatch(r -> dueState.equals(r.getAttribute("data-due-state"))),
        "request " + requestId + " " + dueState + " on the work queue");
  }

  /**
   * Waits until the board's counts (the {@code /health} snapshot, read every few seconds) are of a
   * reading later than the one shown now, so that they count every change made before this call.
   */
  void awaitFreshCounts() {
    By countedAt = By.cssSelector("[data-testid=counted-at]");
    String shown = find(countedAt).getText();
    browser.waitUntil(
        driver -> driver.findElements(countedAt).stream().anyMatch(c -> !shown.equals(c.getText())),
        "the board's counts read again after " + shown);
  }

  /** Waits until the request has left the queue (it is no longer open). */
  void awaitGone(String requestId) {
    browser.waitUntil(
        driver -> driver.findElements(row(requestId)).isEmpty(),
        "request " + requestId + " gone from the work queue");
  }

  /** The request's row's cells as the officer reads them (white space collapsed). */
  String rowText(String requestId) {
    return find(row(requestId)).getText().replaceAll("\\s+", " ");
  }

  /** The ids of the rows shown, top to bottom. */
  List<String> requestIds() {
    return browser.driver().findElements(By.cssSelector("[data-testid=queue-row]")).stream()
        .map(r -> r.getAttribute("data-request-id"))
        .toList();
  }

  RequestPage openRequest(String requestId) {
    find(By.id("queue-request-" + requestId)).click();
    return new RequestPage(browser);
  }

  CasePage openCaseOf(String requestId) {
    find(By.id("queue-case-" + requestId)).click();
    return new CasePage(browser);
  }

  /**
   * Picks a language in the header's switch ({@code fr}, {@code en}); the page comes back in it.
   */
  WorkQueuePage language(String code) {
    find(By.cssSelector("[data-testid=language-" + code + "]")).click();
    browser.waitUntil(
        driver -> code.equals(driver.findElement(By.tagName("html")).getAttribute("lang")),
        "the page in " + code);
    return new WorkQueuePage(browser);
  }

  /** The page's main heading. */
  String heading() {
    return find(By.tagName("h1")).getText();
  }

  public SignedOutPage signOut() {
    return ConsoleHeader.signOut(browser);
  }
}
