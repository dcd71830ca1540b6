package org.takedown.gateway.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The requests list, {@code /console/requests}, in French: its filters, its rows with their
 * selection boxes, and the bulk form above them ({@link BulkForm}).
 */
final class RequestsListPage extends Page {

  static final String PATH = "/console/requests";

  /** One row as the officer sees it, with the hooks a test reads. */
  record Row(String id, String status, String dueState, String caseRef, String partnerRef) {}

  RequestsListPage(Browser browser) {
    super(browser, Controls.heading("Demandes"));
  }

  static RequestsListPage open(Browser browser, String query) {
    browser.open(query.isEmpty() ? PATH : PATH + "?" + query);
    return new RequestsListPage(browser);
  }

  /** Chooses {@code option} (its visible text) in the list labelled {@code label}. */
  RequestsListPage choose(String label, String option) {
    new Select(find(Controls.field(label))).selectByVisibleText(option);
    return this;
  }

  /** Types {@code text} in the field labelled {@code label}, replacing what it held. */
  RequestsListPage type(String label, String text) {
    WebElement field = find(Controls.field(label));
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Presses "Filtrer" and answers the list it leads to. */
  RequestsListPage filter() {
    return after(() -> find(Controls.button("Filtrer")).click());
  }

  /** Presses Enter in whatever has the focus (a field of the form) and answers the new list. */
  RequestsListPage pressEnter() {
    return after(() -> browser.press(Keys.ENTER));
  }

  private RequestsListPage after(Runnable action) {
    WebElement shown = browser.driver().findElement(By.tagName("html"));
    action.run();
    browser.waitUntil(ExpectedConditions.stalenessOf(shown), "the next page after filtering");
    return new RequestsListPage(browser);
  }

  List<Row> rows() {
    return browser.driver().findElements(By.cssSelector("[data-testid=request-row]")).stream()
        .map(
            row ->
                new Row(
                    row.getAttribute("data-request-id"),
                    row.getAttribute("data-status"),
                    row.getAttribute("data-due-state"),
                    row.findElement(By.cssSelector("[data-testid=case-link]")).getText(),
                    row.findElement(By.cssSelector("[data-testid=partner-ref]")).getText()))
        .toList();
  }

  List<String> rowIds() {
    return rows().stream().map(Row::id).toList();
  }

  /** What the page says when nothing matches, or null. */
  String emptyMessage() {
    List<WebElement> empty =
        browser.driver().findElements(By.cssSelector("[data-testid=requests-empty]"));
    return empty.isEmpty() ? null : empty.get(0).getText();
  }

  /** What is wrong with the filter {@code name}, as shown next to its field. */
  String fieldError(String name) {
    return find(By.cssSelector("[data-testid=field-error-" + name + "]")).getText();
  }

  /** Follows the link of request {@code id}. */
  RequestDetailPage openRequest(String id) {
    find(By.cssSelector(
            "[data-testid=request-row][data-request-id='" + id + "'] [data-testid=request-link]"))
        .click();
    return new RequestDetailPage(browser);
  }

  /** The bulk form and the rows' selection boxes. */
  BulkForm bulk() {
    return new BulkForm(browser);
  }
}
