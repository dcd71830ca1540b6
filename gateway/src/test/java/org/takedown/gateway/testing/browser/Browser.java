package org.takedown.gateway.testing.browser;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium of one browser test class, as its tests and page objects use it. A test
 * receives it as a parameter ({@code void test(Browser browser)}) from {@link BrowserTest}.
 *
 * <p>Paths given to {@link #open(String)} are resolved against the gateway under test: the test
 * instance's {@code EmbeddedServer} field, the one every {@code @MicronautTest} here injects, or
 * the base set by {@link #useBase(URL)}. Every wait is bounded ({@code browser.wait-seconds}) and
 * says on timeout what it waited for and what the browser showed instead; there is no implicit wait
 * and no sleep.
 */
public final class Browser {

  private final ChromiumSession session;
  private final Duration patience;
  private URI chosenBase;
  private Supplier<URI> serverBase = () -> null;

  Browser(ChromiumSession session, Duration patience) {
    this.session = session;
    this.patience = patience;
  }

  /** Selenium's driver, for what this class does not wrap. */
  public WebDriver driver() {
    return session.driver();
  }

  /** Resolves relative paths against {@code base} from now on, instead of the test's server. */
  public Browser useBase(URL base) {
    this.chosenBase = URI.create(base.toString());
    return this;
  }

  /** Where the test's own server is found, when no base was chosen. */
  void serverBase(Supplier<URI> serverBase) {
    this.serverBase = serverBase;
  }

  private URI baseOrNull() {
    return chosenBase != null ? chosenBase : serverBase.get();
  }

  /** The gateway's base URI, e.g. {@code http://localhost:41234}. */
  public URI base() {
    URI uri = baseOrNull();
    if (uri == null) {
      throw new IllegalStateException(
          "no gateway to open pages on: inject an EmbeddedServer field into the test class"
              + " (@Inject EmbeddedServer server) or call browser.useBase(url)");
    }
    return uri;
  }

  /** Loads {@code pathOrUrl} (a path on the gateway, or an absolute URL) and waits for it. */
  public Browser open(String pathOrUrl) {
    URI target = URI.create(pathOrUrl);
    driver().get((target.isAbsolute() ? target : base().resolve(target)).toString());
    return this;
  }

  /** The path and query of the page shown, e.g. {@code /console/requests?status=FAILED}. */
  public String currentPath() {
    URI uri = URI.create(driver().getCurrentUrl());
    return uri.getRawQuery() == null
        ? uri.getRawPath()
        : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * Waits until {@code condition} answers something other than null or false, and answers it; after
   * {@code browser.wait-seconds}, fails naming {@code what} and the page shown.
   */
  public <T> T waitUntil(Function<? super WebDriver, T> condition, String what) {
    // an element replaced while the condition looks at it (an htmx swap) is looked up again
    WebDriverWait wait = new WebDriverWait(driver(), patience);
    wait.ignoring(StaleElementReferenceException.class);
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited " + patience.toSeconds() + " s for " + what + "; the browser shows " + where(),
          e);
    }
  }

  /** Waits until the element {@code by} finds is visible, and answers it. */
  public WebElement visible(By by) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(by), "a visible " + by);
  }

  /**
   * Waits until the element {@code by} finds shows {@code text} (among its text), and answers it.
   */
  public WebElement showing(By by, String text) {
    waitUntil(
        ExpectedConditions.textToBePresentInElementLocated(by, text), "\"" + text + "\" in " + by);
    return driver().findElement(by);
  }

  /** The element that has the keyboard focus. */
  public WebElement focused() {
    return driver().switchTo().activeElement();
  }

  /**
   * The accessible name of the element that has the focus, as a screen reader announces it (white
   * space collapsed): what a keyboard test checks after each Tab.
   */
  public String focusedName() {
    return focused().getAccessibleName().strip().replaceAll("\\s+", " ");
  }

  /** Types {@code keys} into whatever has the focus, as a keyboard would (Keys.TAB, text...). */
  public Browser press(CharSequence... keys) {
    new Actions(driver()).sendKeys(keys).perform();
    return this;
  }

  /**
   * Runs axe-core on the page shown and fails listing each serious or critical violation (rule,
   * elements, what to fix); moderate and minor findings do not fail.
   */
  public Browser checkAccessibility() {
    AccessibilityCheck.assertNoSeriousViolation(driver());
    return this;
  }

  /**
   * A PNG of the whole page shown, below the fold included, as wide as the window (scroll bars
   * hidden while it is taken): for pictures of pages, such as the README's (gateway/local,
   * ConsoleScreenshotsIT).
   */
  public byte[] screenshotOfWholePage() {
    ChromeDriver chrome = session.driver();
    chrome.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
    // headless Chromium (156) keeps the scroll bar of a page taller than its window all the same
    // (the statistics page was the first such picture): the window is made as tall as the page,
    // its width left as it is, so that there is no scroll bar to hide
    Object height = script("return document.documentElement.scrollHeight;");
    chrome.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            0,
            "height",
            ((Number) height).intValue(),
            "deviceScaleFactor",
            0,
            "mobile",
            false));
    try {
      waitUntil(
          driver ->
              Boolean.TRUE.equals(
                  script("return document.documentElement.clientWidth === window.innerWidth;")),
          "the page laid out without its scroll bar");
      return FailureRecord.screenshot(chrome);
    } finally {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      chrome.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", false));
    }
  }

  /** The page's URL and title, for messages. */
  public String where() {
    try {
      return driver().getCurrentUrl() + " titled \"" + driver().getTitle() + "\"";
    } catch (RuntimeException e) {
      return "(no page: " + e.getMessage() + ")";
    }
  }

  ChromiumSession session() {
    return session;
  }

  /**
   * Forgets everything a test left in the browser (cookies of every site, storage of the gateway's
   * origin) and shows a blank page, so that each test starts signed out.
   */
  void reset() {
    ChromeDriver chrome = session.driver();
    chrome.get("about:blank");
    chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    URI uri = baseOrNull();
    if (uri != null) {
      chrome.executeCdpCommand(
          "Storage.clearDataForOrigin",
          Map.of("origin", uri.getScheme() + "://" + uri.getAuthority(), "storageTypes", "all"));
    }
  }

  /** The browser console's lines since the last call, for the record of a failing test. */
  List<String> consoleLines() {
    try {
      return driver().manage().logs().get("browser").getAll().stream()
          .map(entry -> entry.getLevel() + " " + entry.getMessage())
          .toList();
    } catch (RuntimeException e) {
      return List.of("(console not readable: " + e.getMessage() + ")");
    }
  }

  /** Runs {@code script} in the page and answers its result. */
  public Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver()).executeScript(Objects.requireNonNull(script), arguments);
  }
}
