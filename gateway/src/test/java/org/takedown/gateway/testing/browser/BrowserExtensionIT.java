package org.takedown.gateway.testing.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The browser extension's own promises, including those only a failing test shows: it runs small
 * example classes with JUnit's test kit, so that their failures are this test's facts to check and
 * the suite stays green. The examples run only inside this test (they are static nested classes,
 * which surefire leaves out, and each needs this test's configuration parameter).
 */
@Tag("browser")
class BrowserExtensionIT {

  private static final String INSIDE_THIS_TEST = "browser.extension-self-test";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static HttpServer site;
  static EngineExecutionResults journey;

  @TempDir static Path failures;

  /** A plain page server (the JDK's), so that cookies and storage have an origin to live in. */
  @BeforeAll
  static void startSite() throws IOException {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext(
        "/",
        exchange -> {
          byte[] page =
              ("<!doctype html><html lang=\"en\"><head><title>Example "
                      + exchange.getRequestURI().getPath()
                      + "</title></head><body><main><h1>Overdue requests</h1>"
                      + "<p id=\"count\">3 overdue</p></main></body></html>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    site.start();
    // one run of the example journey, one browser, for every check here but the one without it
    journey = run(OfficerJourneyExample.class, BrowserSettings.WAIT_SECONDS, "1");
    // without Chromium, say so rather than fail every check below for want of a browser
    classFailures(journey).stream()
        .filter(ChromiumSession.BrowserMissing.class::isInstance)
        .findFirst()
        .ifPresent(
            missing -> {
              throw (ChromiumSession.BrowserMissing) missing;
            });
  }

  @AfterAll
  static void stopSite() {
    site.stop(0);
  }

  private static EngineExecutionResults run(Class<?> example, String... parameters) {
    EngineTestKit.Builder kit =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(example))
            .configurationParameter(INSIDE_THIS_TEST, "true")
            .configurationParameter(BrowserSettings.FAILURES, failures.toString());
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      kit.configurationParameter(parameters[i], parameters[i + 1]);
    }
    return kit.execute();
  }

  @Test
  void aFailingTestLeavesItsScreenshotPageSourceAndConsoleAndThePassingOnesNothing()
      throws IOException {
    journey.testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    Path folder = failures.resolve("BrowserExtensionIT.OfficerJourneyExample");
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(
          List.of(
              "seesThreeOverdueRequests.html",
              "seesThreeOverdueRequests.png",
              "seesThreeOverdueRequests.txt"),
          files.map(file -> file.getFileName().toString()).sorted().toList());
    }
    byte[] png = Files.readAllBytes(folder.resolve("seesThreeOverdueRequests.png"));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    assertTrue(png.length > 1000, "a screenshot of a page, not an empty image");
    String html = Files.readString(folder.resolve("seesThreeOverdueRequests.html"));
    assertTrue(
        html.contains("3 overdue, seen by the test"), "the page as the script left it:\n" + html);
    String record = Files.readString(folder.resolve("seesThreeOverdueRequests.txt"));
    assertTrue(record.contains("page: " + url("/requests/overdue")), record);
    assertTrue(record.contains("the officer counted the overdue requests"), record);
    assertTrue(record.contains("console line written before the failure"), record);

    Throwable failure = onlyFailure(journey);
    assertTrue(
        Arrays.stream(failure.getSuppressed())
            .anyMatch(
                suppressed ->
                    suppressed.getMessage().startsWith("browser record of this failure: [")
                        && suppressed.getMessage().contains(folder.toString())),
        "the failure's report says where its record is");
  }

  @Test
  void eachTestStartsSignedOutOnABlankPage() {
    assertEquals("SESSION=officer-1", OfficerJourneyExample.cookiesLeftByFirstTest);
    assertEquals("about:blank", OfficerJourneyExample.pageAtStartOfSecondTest);
    assertEquals("", OfficerJourneyExample.cookiesSeenBySecondTest);
    assertEquals("null", OfficerJourneyExample.storageSeenBySecondTest);
  }

  @Test
  void aPageObjectOnTheWrongPageFailsNamingThePageExpectedAndThePageShown() {
    assertEquals(
        "waited 1 s for the SignInPage page (heading 'Sign in'); the browser shows "
            + url("/requests")
            + " titled \"Example /requests\"",
        OfficerJourneyExample.wrongPage);
  }

  @Test
  void noBrowserOrDriverProcessOutlivesAFailingClass() {
    ChromiumSession session = OfficerJourneyExample.browser.session();
    assertTrue(
        OfficerJourneyExample.processesWhileRunning.size() >= 3,
        "ChromeDriver, Chromium and its page's process were seen running: "
            + OfficerJourneyExample.processesWhileRunning);
    assertTrue(
        OfficerJourneyExample.processesWhileRunning.stream().noneMatch(ProcessHandle::isAlive),
        "still alive: " + OfficerJourneyExample.processesWhileRunning);
    assertEquals(List.of(), session.liveProcesses());
    assertFalse(Files.exists(session.profile()), "the profile folder is deleted");
  }

  @Test
  void withoutChromiumTheClassFailsSayingWhatToInstall() {
    EngineExecutionResults results =
        run(
            OfficerJourneyExample.class,
            BrowserSettings.CHROMIUM,
            "/nowhere/chromium",
            BrowserSettings.CHROMEDRIVER,
            "/nowhere/chromedriver");

    results.testEvents().assertStatistics(stats -> stats.started(0).skipped(0));
    List<Throwable> failures = classFailures(results);
    assertEquals(1, failures.size(), "the example class fails: " + failures);
    Throwable failure = failures.get(0);
    assertEquals(
        "Browser tests need headless Chromium, and there is no Chromium at /nowhere/chromium and"
            + " no ChromeDriver at /nowhere/chromedriver. On Debian: apt-get install -y chromium"
            + " chromium-driver (.ci/run does it). Elsewhere, point -Dbrowser.chromium and"
            + " -Dbrowser.chromedriver at a Chromium and the ChromeDriver of its version. To build"
            + " without browser tests, leave them out on purpose: mvn verify"
            + " -DexcludedGroups=browser",
        failure.getMessage());
  }

  private static List<Throwable> classFailures(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .map(event -> event.getPayload(TestExecutionResult.class))
        .flatMap(Optional::stream)
        .map(result -> result.getThrowable().orElseThrow())
        .toList();
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertEquals(1, failed.size());
    return failed
        .get(0)
        .getPayload(TestExecutionResult.class)
        .orElseThrow()
        .getThrowable()
        .orElseThrow();
  }

  private static String url(String path) {
    return "http://"
        + site.getAddress().getAddress().getHostAddress()
        + ":"
        + site.getAddress().getPort()
        + path;
  }

  /** Runs a class only inside {@link BrowserExtensionIT}, never on its own. */
  static final class OnlyInsideTheSelfTest implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(INSIDE_THIS_TEST).isPresent()
          ? ConditionEvaluationResult.enabled("run by BrowserExtensionIT")
          : ConditionEvaluationResult.disabled("an example for BrowserExtensionIT only");
    }
  }

  /**
   * An officer's journey in four tests: the first leaves a cookie and storage behind, the second
   * looks for them, the third expects a page the browser does not show, the last fails on a page
   * that its script changed.
   */
  @ExtendWith(OnlyInsideTheSelfTest.class)
  @BrowserTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class OfficerJourneyExample {

    static Browser browser;
    static List<ProcessHandle> processesWhileRunning;
    static String cookiesLeftByFirstTest;
    static String pageAtStartOfSecondTest;
    static String cookiesSeenBySecondTest;
    static String storageSeenBySecondTest;
    static String wrongPage;

    static final class SignInPage extends Page {
      SignInPage(Browser browser) {
        super(browser, Controls.heading("Sign in"));
      }
    }

    @BeforeAll
    static void onTheSite(Browser browser) throws Exception {
      browser.useBase(new URL(url("/")));
    }

    @Test
    @Order(1)
    void signsIn(Browser browser) {
      OfficerJourneyExample.browser = browser;
      browser.open("/sign-in");
      browser.script(
          "document.cookie = 'SESSION=officer-1; path=/';"
              + " localStorage.setItem('remembered', 'officer-1');");
      cookiesLeftByFirstTest = (String) browser.script("return document.cookie;");
    }

    @Test
    @Order(2)
    void comesBack(Browser browser) {
      pageAtStartOfSecondTest = browser.driver().getCurrentUrl();
      browser.open("/requests");
      cookiesSeenBySecondTest = (String) browser.script("return document.cookie;");
      storageSeenBySecondTest =
          String.valueOf(browser.script("return localStorage.getItem('remembered');"));
    }

    @Test
    @Order(3)
    void expectsToSignInAgain(Browser browser) {
      browser.open("/requests");
      wrongPage = assertThrows(AssertionError.class, () -> new SignInPage(browser)).getMessage();
    }

    @Test
    @Order(4)
    void seesThreeOverdueRequests(Browser browser) {
      browser.open("/requests/overdue");
      browser.script(
          "console.warn('console line written before the failure');"
              + " document.getElementById('count').textContent = '3 overdue, seen by the test';");
      processesWhileRunning = browser.session().liveProcesses();
      throw new AssertionError("the officer counted the overdue requests and expected 4");
    }
  }
}
