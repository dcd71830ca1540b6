package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * A case submitter (e-Blagh's triage) signs in at the unit's provider, which knows it, and opens a
 * link to the console: it gets the 403 page, which shows none of the console's data and offers only
 * the way out, and signs out.
 */
@BrowserTest
@ExtendWith(SharedLocalRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedSubmitterJourneyIT {

  LocalRun run;

  @BeforeAll
  void onTheLocalRun(LocalRun run, Browser browser) {
    this.run = run;
    browser.useBase(run.gateway());
  }

  @Test
  void aSubmitterGetsTheForbiddenPageWithoutDataAndSignsOut(Browser browser) {
    String externalRef = "EIB-REFUSED-" + System.nanoTime();
    String caseId = run.submit(Journeys.oneMetaTakedown(externalRef));

    // its own case, even: the console is for officers
    browser.open("/console/cases/" + caseId);
    ForbiddenPage refused = new IdentityPickerPage(browser).signInAsSubmitter();
    assertTrue(refused.text().contains("Accès refusé"), refused.text());
    assertTrue(refused.signedIn().contains("e-blagh-triage"), refused.signedIn());
    assertNothingOfTheConsole(browser, externalRef);
    refused.checkAccessibility();

    browser.open("/console");
    refused = new ForbiddenPage(browser);
    assertNothingOfTheConsole(browser, externalRef);

    SignedOutPage signedOut = refused.signOut();
    signedOut.checkAccessibility();
    browser.open("/console");
    assertFalse(new IdentityPickerPage(browser).showsAnOpenProviderSession());
  }

  private static void assertNothingOfTheConsole(Browser browser, String externalRef) {
    assertTrue(browser.driver().findElements(By.cssSelector("nav")).isEmpty(), "no navigation");
    assertTrue(
        browser.driver().findElements(By.cssSelector("[data-testid=queue-row]")).isEmpty(),
        "no request");
    String source = browser.driver().getPageSource();
    assertFalse(source.contains(externalRef), "nothing of the case: " + source);
    assertFalse(source.contains("/console/requests/"), "no link to a request: " + source);
  }
}
