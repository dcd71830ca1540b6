package org.takedown.gateway.console.actions;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * A request's page, {@code /console/requests/{id}}, with the forms of the actions its state allows.
 * The officer fills a form by its labels, as on screen; an action's outcome shows in the actions'
 * notice (htmx swaps the page's content, or the page is loaded again after a plain POST).
 */
final class RequestScreen extends Page {

  static final By NOTICE = By.cssSelector("[data-testid=action-notice]");

  RequestScreen(Browser browser) {
    super(browser, By.cssSelector("[data-testid=request-page] h1"));
  }

  static RequestScreen open(Browser browser, String id) {
    browser.open("/console/requests/" + id);
    return new RequestScreen(browser);
  }

  /** Types {@code text} into the field labelled {@code label}. */
  RequestScreen type(String label, String text) {
    WebElement field = find(Controls.field(label));
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Ticks the box labelled {@code label}. */
  RequestScreen tick(String label) {
    WebElement box = find(Controls.field(label));
    if (!box.isSelected()) {
      box.click();
    }
    return this;
  }

  /** Presses the button named {@code name} and waits for the action's notice; answers it. */
  Notice press(String name) {
    find(Controls.button(name)).click();
    return notice();
  }

  /** Presses the button named {@code name}, expecting the form back with an error. */
  RequestScreen pressExpectingError(String name) {
    find(Controls.button(name)).click();
    browser.visible(By.cssSelector("#request-actions .field-error"));
    return this;
  }

  /** The notice of the last action, once shown. */
  Notice notice() {
    WebElement notice = browser.visible(NOTICE);
    return new Notice(
        notice.getAttribute("data-outcome"),
        notice.getAttribute("data-problem-type"),
        notice.getText().strip());
  }

  /** The errors shown next to the fields, in order. */
  List<String> errors() {
    return browser.driver().findElements(By.cssSelector("#request-actions .field-error")).stream()
        .map(e -> e.getText().strip())
        .toList();
  }

  /** The status the page shows, as its data attribute names it. */
  String status() {
    return find(By.cssSelector("[data-testid=fact-status]")).getAttribute("data-status");
  }

  /** The names of the forms shown: {@code retry}, {@code cancel}, {@code extend-preservation}. */
  List<String> forms() {
    return browser.driver().findElements(By.cssSelector("#request-actions form")).stream()
        .map(f -> f.getAttribute("data-testid").substring("action-".length()))
        .toList();
  }

  /** The timeline's lines, oldest first. */
  List<Line> timeline() {
    return browser.driver().findElements(By.cssSelector("[data-testid=timeline-entry]")).stream()
        .map(
            row ->
                new Line(
                    row.getAttribute("data-source"),
                    row.getAttribute("data-to"),
                    row.findElement(By.cssSelector("[data-testid=timeline-actor]")).getText(),
                    row.findElement(By.cssSelector("[data-testid=timeline-detail]")).getText()))
        .toList();
  }

  /** What an action did, as the page says it. */
  record Notice(String outcome, String problemType, String text) {}

  /** A line of the timeline. */
  record Line(String source, String to, String actor, String detail) {}
}
