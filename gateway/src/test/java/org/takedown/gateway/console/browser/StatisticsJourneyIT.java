package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.takedown.gateway.console.StatisticsYear;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * A liaison officer reads the unit's statistics: opens the page (this year by partner), asks for
 * last year, reads its figures and charts, groups them by month, downloads the CSV of what is
 * shown, and opens the year's report, which prints without the console around it. The figures are
 * the hand-worked ones of {@link StatisticsYear}; axe runs on both pages.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class StatisticsJourneyIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    return StatisticsYear.properties();
  }

  @BeforeAll
  void seed() {
    api = new Api(server.getURL(), json);
    StatisticsYear.seed(context);
  }

  @Test
  void anOfficerReadsLastYearsFiguresChartsCsvAndReport(Browser browser, @TempDir Path downloads) {
    SignedIn.as(browser, context, "officer-1", "liaison-officer");
    browser.open("/console");
    browser.visible(org.openqa.selenium.By.cssSelector("[data-testid=nav-statistics]")).click();
    StatisticsChartsPage thisYear = new StatisticsChartsPage(browser);
    assertEquals("3", thisYear.figure("requests"));
    thisYear.checkAccessibility();

    StatisticsChartsPage lastYear = thisYear.year("2025").groupBy("Partenaire").show();
    assertTrue(browser.currentPath().contains("year=2025"), browser.currentPath());
    assertTrue(browser.currentPath().contains("groupBy=platform"), browser.currentPath());
    assertEquals(
        "Du 01/01/2025 au 31/12/2025 inclus (fuseau Africa/Casablanca)", lastYear.period());
    assertEquals("19", lastYear.figure("requests"));
    assertEquals("78,9 %", lastYear.figure("withinDeadline"));
    assertEquals(List.of("Meta", "10", "6", "60,0 %"), lastYear.tableRow("withinDeadline", "META"));
    // each chart drew its table's numbers
    Map<String, Object> outcomes = lastYear.drawn("outcomes");
    assertEquals(List.of("Google", "Meta", "TikTok"), outcomes.get("labels"));
    assertEquals(
        List.of("Retiré", "Restreint", "Conservé", "Introuvable", "Aucune violation", "Refusé"),
        outcomes.get("series"));
    assertEquals(List.of(4L, 6L, 0L), ((List<?>) outcomes.get("data")).get(0));
    assertTrue(((Number) outcomes.get("width")).intValue() > 100, "a canvas drawn to size");
    Map<String, Object> time = lastYear.drawn("timeToOutcome");
    assertEquals(List.of(24L, 2L, 0.5), ((List<?>) time.get("data")).get(0));
    assertEquals(List.of(24L, 30L, 0.5), ((List<?>) time.get("data")).get(1));
    Map<String, Object> monthly = lastYear.drawn("monthly");
    assertEquals(List.of("mars 2025", "avril 2025", "mai 2025"), monthly.get("labels"));
    assertEquals(List.of("Escroquerie", "Sextorsion", "Diffamation"), monthly.get("series"));
    assertEquals(
        List.of(List.of(10L, 0L, 0L), List.of(0L, 0L, 4L), List.of(0L, 0L, 5L)),
        monthly.get("data"));
    assertEquals(List.of(List.of(100L, 60L, 100L)), lastYear.drawn("withinDeadline").get("data"));
    lastYear.checkAccessibility();

    StatisticsChartsPage byMonth = lastYear.groupBy("Mois").show();
    assertEquals("Issues par mois", byMonth.chartTitle("outcomes"));
    assertEquals(List.of("mars 2025", "mai 2025"), byMonth.drawn("outcomes").get("labels"));
    assertEquals(
        List.of("mai 2025", "9", "9", "100,0 %"), byMonth.tableRow("withinDeadline", "2025-05"));

    // the CSV of what is shown: the API's, for the year by month
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    byMonth.downloadFiguresShown();
    Path csv = downloads.resolve("statistics-2025-month.csv");
    browser.waitUntil(driver -> Files.exists(csv), "the CSV downloaded into " + downloads);
    String fromApi =
        api.get(
                "/api/v1/statistics?from=2025-01-01&to=2026-01-01&groupBy=month",
                TestTokens.get().officer("officer-1"),
                "Accept",
                "text/csv")
            .body();
    assertEquals(fromApi, read(csv));
    assertTrue(read(csv).contains("\r\n2025-03,10,2,8,"), read(csv));

    AnnualReportPage report = byMonth.openReport("2025");
    assertEquals("19", report.figure("requests"));
    assertEquals("76,9 %", report.figure("removalRate"));
    assertEquals(
        List.of("Escroquerie", "10", "52,6 %"), report.tableRow("report-categories", "FRAUD"));
    assertEquals(
        List.of("Meta", "10", "6", "0", "0", "0", "2", "0", "75,0 %", "60,0 %"),
        report.tableRow("report-platforms", "META"));
    assertEquals("1", report.figure("lapsed"));
    report.checkAccessibility();
    assertEquals(
        Map.of(
            ".site-header", false,
            "[data-testid=print-report]", false,
            "h1", true,
            "table[data-testid=report-platforms]", true),
        report.shownInPrint(
            List.of(
                ".site-header",
                "[data-testid=print-report]",
                "h1",
                "table[data-testid=report-platforms]")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
