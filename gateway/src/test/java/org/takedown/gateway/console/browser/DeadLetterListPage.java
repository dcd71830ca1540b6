package org.takedown.gateway.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/dead-letter}: the failed requests, their filters, the selection to retry. */
final class DeadLetterListPage extends Page {

  DeadLetterListPage(Browser browser) {
    super(browser, Controls.heading("Demandes en échec"));
  }

  /** The ids of the requests listed, in order. */
  List<String> requestIds() {
    return browser.driver().findElements(By.cssSelector("[data-testid=dead-letter-row]")).stream()
        .map(row -> row.getAttribute("data-request-id"))
        .toList();
  }

  String partnerChosen() {
    return new Select(find(Controls.field("Partenaire"))).getFirstSelectedOption().getText();
  }

  /**
   * Fills "En échec depuis le" with {@code local} ({@code 2026-11-28T02:00}, the console's zone). A
   * date-time field is typed into differently in each browser locale; its value is what the form
   * sends, so it is set as such.
   */
  DeadLetterListPage failedSince(String local) {
    WebElement field = find(Controls.field("En échec depuis le"));
    browser.script(
        "arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        field,
        local);
    return this;
  }

  DeadLetterRetryPage retryEverythingThatMatches() {
    find(Controls.button("Relancer tout ce qui correspond…")).click();
    return new DeadLetterRetryPage(browser);
  }

  DeadLetterListPage tick(String requestId) {
    find(Controls.field("Sélectionner la demande " + requestId.substring(0, 8))).click();
    return this;
  }

  DeadLetterListPage retryTheSelection() {
    find(Controls.button("Relancer la sélection")).click();
    browser.visible(By.cssSelector("[data-testid=results]"));
    return new DeadLetterListPage(browser);
  }

  /** The result row of {@code requestId} (the bulk actions' result), as the officer reads it. */
  String resultOf(String requestId) {
    return find(By.cssSelector(
            "[data-testid=bulk-result-row][data-request-id=\"" + requestId + "\"]"))
        .getText();
  }
}
