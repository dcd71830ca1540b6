package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.logging.LogEntry;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * A submitter's text is shown as text: a case whose fields hold markup ({@code <script>}, an
 * attribute break-out into an {@code <img onerror>}) reaches the officer's work queue, case page
 * and request page as the characters it was written with, and nothing of it runs or becomes an
 * element; so does markup in a content URL's path, and in the console's own addresses (an unknown
 * request's path, the requests list's filters in the query string). The Content-Security-Policy
 * would stop an injected script from running; escaping is what keeps it from being in the page at
 * all, so the journey looks for injected elements, not only for an alert.
 */
@BrowserTest
@ExtendWith(SharedLocalRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTextJourneyIT {

  static final String SCRIPT = "<script>window.hostileRan='script';alert('script')</script>";
  static final String BREAK_OUT = "\"><img src=x onerror=\"window.hostileRan='img';alert(1)\">";
  static final String EMAIL = "\"><img/src=x/onerror=alert(3)>@bnpj.example";

  /**
   * A content URL whose path holds markup: what a URL may not hold raw ({@code "<> }) comes
   * percent-encoded, a quote may be raw.
   */
  static String hostileUrl() {
    return "https://www.facebook.com/%22%3E%3Cimg%20src=x%20onerror=alert(4)%3E%3Cscript%3E/posts/"
        + System.nanoTime()
        + "'onmouseover='alert(5)";
  }

  LocalRun run;

  @BeforeAll
  void onTheLocalRun(LocalRun run, Browser browser) {
    this.run = run;
    browser.useBase(run.gateway());
  }

  @Test
  void markupInACaseIsShownAsTextOnEveryPageThatShowsIt(Browser browser) {
    String externalRef = "EIB-" + System.nanoTime() + SCRIPT;
    Map<String, Object> hostile = Journeys.oneMetaTakedown(externalRef);
    String url = hostileUrl();
    hostile.put("items", new ArrayList<>(List.of(Cases.item(url, "TAKEDOWN"))));
    hostile.put(
        "legalBasis",
        Map.of("law", BREAK_OUT, "article", SCRIPT, "authorizationRef", "PR-" + BREAK_OUT));
    hostile.put("requestedBy", Map.of("name", "Cdt. " + BREAK_OUT, "email", EMAIL, "unit", SCRIPT));
    // markup in an address's local part is of the shape the document and the gateway take (one @,
    // no space, a dot after it: decision 0036), so it must come back as text
    String caseId = run.submit(hostile);
    String requestId = run.requestIds(caseId).get("META/TAKEDOWN");

    browser.open(WorkQueuePage.PATH);
    WorkQueuePage queue = new IdentityPickerPage(browser).signInAsOfficer();
    queue.awaitStatus(requestId, "SUBMITTED");
    assertTrue(queue.rowText(requestId).contains(externalRef), queue.rowText(requestId));
    assertNothingInjected(browser);

    CasePage casePage = queue.openCaseOf(requestId);
    assertEquals("Dossier " + externalRef, casePage.heading().replaceAll(" (Ouvert|Clos)$", ""));
    assertEquals(externalRef, casePage.fact("fact-external-ref"));
    assertEquals(BREAK_OUT, casePage.fact("fact-law"));
    assertEquals(SCRIPT, casePage.fact("fact-article"));
    assertEquals("PR-" + BREAK_OUT, casePage.fact("fact-authorization"));
    assertEquals("Cdt. " + BREAK_OUT, casePage.fact("fact-requester-name"));
    assertEquals(EMAIL, casePage.fact("fact-requester-email"));
    assertEquals(SCRIPT, casePage.fact("fact-requester-unit"));
    assertTrue(browser.driver().getTitle().contains(externalRef), browser.driver().getTitle());
    assertNothingInjected(browser);

    RequestPage request = RequestPage.open(browser, requestId);
    assertEquals(externalRef, request.caseReference());
    assertEquals(url, request.fact("fact-url"));
    assertNothingInjected(browser);
  }

  @Test
  void markupInTheConsolesOwnAddressesIsShownAsText(Browser browser) {
    browser.open(WorkQueuePage.PATH);
    new IdentityPickerPage(browser).signInAsOfficer();

    // a link to a request that is none, pasted as it was sent: Chromium encodes what it must
    browser.driver().get(run.gateway() + "/console/requests/" + BREAK_OUT + SCRIPT);
    browser.visible(By.cssSelector("[data-testid=error-page][data-status='404']"));
    assertNothingInjected(browser);
    browser.checkAccessibility();
    // the language switch comes back to that address, which it holds in a field
    switchLanguage(browser, "en");
    browser.visible(By.cssSelector("[data-testid=error-page][data-status='404']"));
    assertNothingInjected(browser);
    switchLanguage(browser, "fr");

    // a filtered view of the requests list whose filters hold markup: the form shows them back
    browser.open(
        "/console/requests?caseRef="
            + URLEncoder.encode(BREAK_OUT, StandardCharsets.UTF_8)
            + "&partnerRef="
            + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8));
    assertEquals(BREAK_OUT, browser.visible(By.id("filter-caseRef")).getAttribute("value"));
    assertEquals(SCRIPT, browser.visible(By.id("filter-partnerRef")).getAttribute("value"));
    assertNothingInjected(browser);
  }

  private static void switchLanguage(Browser browser, String code) {
    browser.visible(By.cssSelector("[data-testid=language-" + code + "]")).click();
    browser.waitUntil(
        driver -> code.equals(driver.findElement(By.tagName("html")).getAttribute("lang")),
        "the page in " + code);
  }

  /** No alert, no element the text could have made, nothing the Content-Security-Policy refused. */
  private static void assertNothingInjected(Browser browser) {
    try {
      String text = browser.driver().switchTo().alert().getText();
      fail("an alert ran: " + text);
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    assertEquals(0L, browser.script("return document.querySelectorAll('img').length;"), "an img");
    assertEquals(
        0L,
        browser.script("return document.querySelectorAll('script:not([src])').length;"),
        "an inline script");
    assertEquals(
        null, browser.script("return window.hostileRan || null;"), "a script of the submitter's");
    List<String> refused =
        browser.driver().manage().logs().get("browser").getAll().stream()
            .map(LogEntry::getMessage)
            .filter(line -> line.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), refused, "what the browser's policy had to refuse");
  }
}
