package org.takedown.gateway.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The bulk form of a list of requests (the work queue, the requests list) and the selection boxes
 * of its rows, filled by their labels as on screen.
 */
final class BulkForm extends Page {

  BulkForm(Browser browser) {
    super(browser, By.id("bulk-form"));
  }

  /** Ticks the row of request {@code id} by its box, labelled with its short id. */
  BulkForm select(String id) {
    WebElement box = find(Controls.field("Sélectionner la demande " + id.substring(0, 8)));
    if (!box.isSelected()) {
      box.click();
    }
    return this;
  }

  boolean isSelected(String id) {
    return find(By.id("select-" + id)).isSelected();
  }

  BulkForm chooseAction(String label) {
    new Select(find(Controls.field("Action à appliquer"))).selectByVisibleText(label);
    return this;
  }

  BulkForm reason(String text) {
    find(Controls.field("Motif pour toutes les demandes sélectionnées")).sendKeys(text);
    return this;
  }

  BulkForm confirm() {
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
