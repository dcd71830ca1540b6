package org.takedown.gateway.localrun.console;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The console's answer to a form posted without its session's CSRF token, or with another's: a 403
 * page that says nothing was changed, before any controller ran.
 */
final class ActionRefusedPage extends Page {

  ActionRefusedPage(Browser browser) {
    super(browser, Controls.heading("Action refusée"));
  }

  /** What the page says, heading and message. */
  String text() {
    return find(By.tagName("main")).getText();
  }

  /** Its link back to the console. */
  WorkQueuePage backToTheConsole() {
    find(Controls.link("Console")).click();
    return new WorkQueuePage(browser);
  }
}
