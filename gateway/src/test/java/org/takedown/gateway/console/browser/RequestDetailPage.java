package org.takedown.gateway.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * One request's page, {@code /console/requests/{id}}, with the forms of the actions its state
 * allows. The officer fills a form by its labels, as on screen; an action's outcome shows in the
 * actions' notice (htmx swaps the page's content, or the page is loaded again after a plain POST).
 */
final class RequestDetailPage extends Page {

  static final By NOTICE = By.cssSelector("[data-testid=action-notice]");

  RequestDetailPage(Browser browser) {
    super(browser, By.cssSelector("[data-testid=fact-id]"));
  }

  static RequestDetailPage open(Browser browser, String id) {
    browser.open("/console/requests/" + id);
    return new RequestDetailPage(browser);
  }

  String id() {
    return find(By.cssSelector("[data-testid=fact-id]")).getText();
  }

  String status() {
    return find(By.cssSelector("[data-testid=fact-status]")).getAttribute("data-status");
  }

  String partnerRef() {
    return find(By.cssSelector("[data-testid=fact-partner-ref]")).getText();
  }

  /** Types {@code text} into the field labelled {@code label}. */
  RequestDetailPage type(String label, String text) {
    WebElement field = find(Controls.field(label));
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Ticks the box labelled {@code label}. */
  RequestDetailPage tick(String label) {
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
  RequestDetailPage pressExpectingError(String name) {
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

  /** The timeline's custody entries, oldest first. */
  List<CustodyLine> custodyEntries() {
    return browser.driver().findElements(By.cssSelector("[data-testid=custody-entry]")).stream()
        .map(
            row ->
                new CustodyLine(
                    row.getAttribute("data-kind"),
                    row.findElement(By.cssSelector("[data-testid=custody-kind]")).getText(),
                    row.getAttribute("data-index")))
        .toList();
  }

  /** Follows the link of custody entry {@code index} to its proof, from the keyboard. */
  CustodyEntryProofPage followProof(String index) {
    WebElement link =
        find(By.cssSelector("[data-testid=custody-entry][data-index='" + index + "'] a"));
    link.sendKeys(Keys.ENTER);
    return new CustodyEntryProofPage(browser);
  }

  /** A custody entry of the timeline: its kind (wire name and words) and its index. */
  record CustodyLine(String kind, String words, String index) {}

  /** What an action did, as the page says it. */
  record Notice(String outcome, String problemType, String text) {}

  /** A line of the timeline. */
  record Line(String source, String to, String actor, String detail) {}
}
