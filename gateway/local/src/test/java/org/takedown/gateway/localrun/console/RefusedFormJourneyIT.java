package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * A form that does not carry the officer's own session's CSRF token, as a forged form on another
 * site or a page left open across sessions would post it, is refused by a 403 page and changes
 * nothing. The form is the sign-out button's, the console's one state change on every page: when
 * the refusal holds, the officer is still signed in afterwards.
 */
@BrowserTest
@ExtendWith(SharedLocalRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedFormJourneyIT {

  @BeforeAll
  void onTheLocalRun(LocalRun run, Browser browser) {
    browser.useBase(run.gateway());
  }

  @Test
  void aFormPostedWithoutItsTokenIsRefusedAndChangesNothing(Browser browser) {
    browser.open("/console");
    new IdentityPickerPage(browser).signInAsOfficer();

    ActionRefusedPage refused = ConsoleHeader.signOutWithToken(browser, null);
    assertTrue(refused.text().contains("rien n'a été modifié"), refused.text());
    refused.checkAccessibility();

    WorkQueuePage queue = refused.backToTheConsole();
    assertEquals(WorkQueuePage.PATH, browser.currentPath(), "no sign-in asked: " + browser.where());
    assertTrue(queue.signedIn().contains("officer-1"), "still signed in: " + queue.signedIn());
  }

  @Test
  void aTokenOfAnEndedSessionIsRefusedInTheNextOne(Browser browser) {
    browser.open("/console");
    new IdentityPickerPage(browser).signInAsOfficer();
    String endedSessionsToken = ConsoleHeader.csrfToken(browser);
    ConsoleHeader.signOut(browser).signInAgain().signInAsOfficer();
    assertNotEquals(endedSessionsToken, ConsoleHeader.csrfToken(browser), "a new session's token");

    ActionRefusedPage refused = ConsoleHeader.signOutWithToken(browser, endedSessionsToken);
    assertTrue(refused.text().contains("rien n'a été modifié"), refused.text());

    WorkQueuePage queue = WorkQueuePage.open(browser);
    assertTrue(queue.signedIn().contains("officer-1"), "still signed in: " + queue.signedIn());
  }
}
