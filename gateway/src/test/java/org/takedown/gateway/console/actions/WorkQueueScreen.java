package org.takedown.gateway.console.actions;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The work queue, {@code /console}: its rows with their selection boxes, and the bulk form above
 * them. Its board reloads every 3 s (htmx); the selection survives the reloads.
 */
final class WorkQueueScreen extends Page {

  WorkQueueScreen(Browser browser) {
    super(browser, By.id("work-queue-board"));
  }

  static WorkQueueScreen open(Browser browser) {
    browser.open("/console");
    return new WorkQueueScreen(browser);
  }

  /** Ticks the row of request {@code id} by its box, labelled with its short id. */
  WorkQueueScreen select(String id) {
    WebElement box = find(Controls.field("Sélectionner la demande " + id.substring(0, 8)));
    if (!box.isSelected()) {
      box.click();
    }
    return this;
  }

  boolean isSelected(String id) {
    return find(By.id("select-" + id)).isSelected();
  }

  /** When the board was last rendered (it changes with each reload). */
  String renderedAt() {
    return find(By.id("work-queue-board")).getAttribute("data-rendered-at");
  }

  /** Waits until the board has been reloaded at least once after {@code renderedAt}. */
  WorkQueueScreen awaitReloadAfter(String renderedAt) {
    browser.waitUntil(
        driver -> !renderedAt.equals(renderedAt()), "the board to reload after " + renderedAt);
    return this;
  }

  /** Whether the board shows a row for request {@code id}. */
  boolean shows(String id) {
    return !browser
        .driver()
        .findElements(By.cssSelector("[data-testid=queue-row][data-request-id='" + id + "']"))
        .isEmpty();
  }

  WorkQueueScreen chooseAction(String label) {
    new Select(find(Controls.field("Action"))).selectByVisibleText(label);
    return this;
  }

  WorkQueueScreen reason(String text) {
    find(Controls.field("Motif pour toutes les demandes sélectionnées")).sendKeys(text);
    return this;
  }

  WorkQueueScreen confirm() {
    WebElement box =
        find(Controls.field("Je confirme : appliquer cette action à chaque demande sélectionnée"));
    if (!box.isSelected()) {
      box.click();
    }
    return this;
  }

  /**
   * Applies the action to the selection and waits for the result: under the form (htmx), or on a
   * page of its own when scripts do not run.
   */
  BulkResult apply() {
    find(Controls.button("Appliquer à la sélection")).click();
    browser.visible(By.cssSelector("[data-testid=bulk-result]"));
    return new BulkResult(browser);
  }

  /** What a bulk action did: under the form (htmx), or on its own page (a plain POST). */
  static final class BulkResult extends Page {

    BulkResult(Browser browser) {
      super(browser, By.cssSelector("[data-testid=bulk-result]"));
    }

    String summary() {
      return find(By.cssSelector("[data-testid=bulk-summary]")).getText().strip();
    }

    /** One line per selected request: its id, what happened, its state now, why. */
    List<ResultLine> lines() {
      return browser.driver().findElements(By.cssSelector("[data-testid=bulk-result-row]")).stream()
          .map(
              row ->
                  new ResultLine(
                      row.getAttribute("data-request-id"),
                      row.getAttribute("data-outcome"),
                      row.getAttribute("data-status"),
                      row.findElement(By.cssSelector("[data-testid=bulk-outcome]"))
                          .getText()
                          .strip()))
          .toList();
    }
  }

  record ResultLine(String id, String outcome, String status, String shown) {}
}
