package org.takedown.gateway.console.browser;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/preservations}: the preservations held and their bulk extension. */
final class PreservationsListPage extends Page {

  PreservationsListPage(Browser browser) {
    super(browser, Controls.heading("Conservations"));
  }

  PreservationsListPage tick(String requestId) {
    find(Controls.field("Sélectionner la demande " + requestId.substring(0, 8))).click();
    return this;
  }

  PreservationsListPage reason(String reason) {
    find(Controls.field("Motif de la prolongation")).sendKeys(reason);
    return this;
  }

  /** Extends the ticked preservations; the page again, with what happened to each. */
  PreservationsListPage extendTheSelection() {
    find(Controls.button("Prolonger la sélection de 90 jours")).click();
    browser.visible(By.cssSelector("[data-testid=results]"));
    return new PreservationsListPage(browser);
  }

  String summary() {
    return find(By.cssSelector("[data-testid=bulk-summary]")).getText();
  }

  /** The result row of {@code requestId} (the bulk actions' result), as the officer reads it. */
  String resultOf(String requestId) {
    return find(By.cssSelector(
            "[data-testid=bulk-result-row][data-request-id=\"" + requestId + "\"]"))
        .getText();
  }
}
