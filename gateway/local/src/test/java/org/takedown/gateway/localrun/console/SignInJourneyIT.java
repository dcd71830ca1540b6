package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * An officer's day begins and ends: on the README's local run, {@code /console} in Chromium sends
 * the officer to the development identity provider (another origin: {@code 127.0.0.1} and its own
 * port, where the gateway is {@code localhost}), the officer picks {@code officer-1} and lands on
 * the work queue; signing out ends the console's session and the provider's, so that the next visit
 * asks the provider again, who has no session left to offer.
 */
@BrowserTest
@ExtendWith(SharedLocalRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInJourneyIT {

  LocalRun run;

  @BeforeAll
  void onTheLocalRun(LocalRun run, Browser browser) {
    this.run = run;
    browser.useBase(run.gateway());
  }

  @Test
  void anOfficerSignsInThroughTheProvidersPickerAndLandsOnTheWorkQueue(Browser browser) {
    browser.open("/console");

    IdentityPickerPage picker = new IdentityPickerPage(browser);
    assertTrue(
        browser.driver().getCurrentUrl().startsWith(run.issuer() + "/authorize?"),
        "the provider's page, on the provider: " + browser.where());
    assertEquals(List.of("officer-1", "admin-1", "e-blagh-triage"), picker.identities());
    assertFalse(picker.showsAnOpenProviderSession());
    picker.checkAccessibility();

    WorkQueuePage queue = picker.signInAsOfficer();
    assertEquals(WorkQueuePage.PATH, browser.currentPath());
    assertTrue(queue.signedIn().contains("officer-1"), queue.signedIn());
    queue.checkAccessibility();

    // a form of the console, posted by Chromium: the language switch
    assertEquals("Work queue", queue.language("en").heading());
    assertEquals("File de travail", queue.language("fr").heading());
  }

  @Test
  void theOfficerLandsOnThePageAskedForBeforeSigningIn(Browser browser) {
    String caseId = run.submit(Journeys.oneMetaTakedown("EIB-SIGNIN-" + System.nanoTime()));

    browser.open("/console/cases/" + caseId);
    new IdentityPickerPage(browser).pick("officer-1");

    new CasePage(browser);
    assertEquals("/console/cases/" + caseId, browser.currentPath());
  }

  @Test
  void signingOutEndsTheProvidersSessionSoTheNextVisitAsksWhoSignsIn(Browser browser) {
    browser.open("/console");
    WorkQueuePage queue = new IdentityPickerPage(browser).signInAsOfficer();
    // while the provider's session lasts, its page says so: what the end of the journey checks
    browser.open("/console/sign-in/oidc");
    assertTrue(new IdentityPickerPage(browser).showsAnOpenProviderSession());
    queue = WorkQueuePage.open(browser);

    SignedOutPage signedOut = queue.signOut();
    assertEquals("/console/signed-out", browser.currentPath());
    signedOut.checkAccessibility();

    IdentityPickerPage picker = signedOut.signInAgain();
    assertFalse(
        picker.showsAnOpenProviderSession(), "the provider's session ended with the console's");
    browser.open("/console");
    assertFalse(new IdentityPickerPage(browser).showsAnOpenProviderSession());
  }
}
