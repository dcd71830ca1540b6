package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The work queue, {@code /console}, in French, and the menu every page carries: its rows with their
 * selection boxes, and the bulk form above them ({@link BulkForm}). Its board reloads every 3 s
 * (htmx); the selection survives the reloads.
 */
final class WorkQueueBoard extends Page {

  WorkQueueBoard(Browser browser) {
    super(browser, Controls.heading("File de travail"));
  }

  static WorkQueueBoard open(Browser browser) {
    browser.open("/console");
    return new WorkQueueBoard(browser);
  }

  /** Follows the menu's "Demandes". */
  RequestsListPage requests() {
    find(Controls.link("Demandes")).click();
    return new RequestsListPage(browser);
  }

  /** The bulk form and the rows' selection boxes. */
  BulkForm bulk() {
    return new BulkForm(browser);
  }

  /** When the board was last rendered (it changes with each reload). */
  String renderedAt() {
    return find(By.id("work-queue-board")).getAttribute("data-rendered-at");
  }

  /** Waits until the board has been reloaded at least once after {@code renderedAt}. */
  WorkQueueBoard awaitReloadAfter(String renderedAt) {
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
}
