package org.takedown.gateway.testing.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The base of a page object: one subclass per page of the console, holding how the page is found
 * and what an officer does on it, so that a journey test reads as the officer's steps and a changed
 * template is fixed in one place. Constructing a page object waits until the browser shows that
 * page (its {@code identity}, e.g. its main heading) and fails otherwise, so a step that lands on
 * the wrong page fails at that step, naming the page it expected and the one shown.
 *
 * <p>A subclass finds controls the way an officer does, by their labels and names ({@link
 * Controls}), and answers the next page object when an action leads to another page.
 */
public abstract class Page {

  protected final Browser browser;

  protected Page(Browser browser, By identity) {
    this.browser = browser;
    browser.waitUntil(
        driver -> driver.findElements(identity).stream().anyMatch(WebElement::isDisplayed),
        "the " + getClass().getSimpleName() + " page (" + identity + ")");
  }

  /** The page's own check of item 5: axe-core finds no serious or critical violation on it. */
  public void checkAccessibility() {
    browser.checkAccessibility();
  }

  /** The page's title, as the browser's tab and a screen reader announce it. */
  public String title() {
    return browser.driver().getTitle();
  }

  /** The element {@code by} finds, once visible (bounded wait). */
  protected WebElement find(By by) {
    return browser.visible(by);
  }
}
