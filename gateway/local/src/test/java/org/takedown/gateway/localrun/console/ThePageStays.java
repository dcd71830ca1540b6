package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.takedown.gateway.testing.browser.Browser;

/**
 * Tells a change made in place from a reload: a mark left in the page's window survives the one and
 * not the other.
 */
final class ThePageStays {

  private static final String MARK = "takedownJourneyMark";

  private final Browser browser;
  private final String where;

  private ThePageStays(Browser browser) {
    this.browser = browser;
    this.where = browser.currentPath();
    browser.script("window." + MARK + " = 'not reloaded';");
  }

  /** Marks the page shown now. */
  static ThePageStays marked(Browser browser) {
    return new ThePageStays(browser);
  }

  /** Fails when the browser has loaded any page since the mark, this one included. */
  void assertNotReloaded() {
    assertEquals(where, browser.currentPath(), "the same address");
    assertEquals(
        "not reloaded",
        browser.script("return window." + MARK + " || null;"),
        "the page was loaded again: its change did not come in place");
  }
}
