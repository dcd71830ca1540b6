package org.takedown.gateway.console.browser;

import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** The work queue, {@code /console}, in French, and the menu every page carries. */
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
}
