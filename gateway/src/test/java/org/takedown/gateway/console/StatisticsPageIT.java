package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestTokens;

/**
 * The statistics page, its annual report and its CSV over HTTP, on a year whose figures are worked
 * out by hand ({@link StatisticsYear}): who may read them, the figures each table shows (and the
 * numbers its chart is drawn from), a view as a link, a bad view's fields named, both languages,
 * text that comes back from the address escaped, and CSV that is the API's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsPageIT implements TestPropertyProvider {

  static final String YEAR_2025 = "/console/statistics?year=2025&groupBy=platform";

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  Api api;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");
  final String admin = TestTokens.get().admin("admin-1");
  final String submitter = TestTokens.get().submitter("e-blagh-triage");

  @Override
  public Map<String, String> getProperties() {
    return StatisticsYear.properties();
  }

  @BeforeAll
  void seed() {
    api = new Api(server.getURL(), json);
    console = new ConsoleClient(api);
    StatisticsYear.seed(context);
  }

  /** The texts of the cells of the row {@code key} of table {@code id}, its label first. */
  private static List<String> row(ConsoleClient.Page page, String id, String key) {
    Element row = page.one("table[data-testid=" + id + "] tr[data-key=" + key + "]");
    return row.select("th, td").eachText();
  }

  /** The chart's numbers of the row {@code key} of table {@code id} (cells with a data-value). */
  private static List<String> values(ConsoleClient.Page page, String id, String key) {
    Element row = page.one("table[data-testid=" + id + "] tr[data-key=" + key + "]");
    return row.select("td[data-value]").eachAttr("data-value");
  }

  private static String figure(ConsoleClient.Page page, String id) {
    return page.text("[data-testid=figure-" + id + "] dd");
  }

  @Test
  void liaisonOfficersAndAdminsReadTheStatisticsOthersDoNot() {
    for (String path :
        List.of(
            YEAR_2025,
            "/console/statistics/report?year=2025",
            "/console/statistics/csv?year=2025",
            "/console/statistics/csv/monthly?year=2025")) {
      for (String token : List.of(officer, admin)) {
        assertEquals(200, console.get(path, token).status(), path);
      }
      ConsoleClient.Page forbidden = console.get(path, submitter).assertHtml(403);
      assertEquals("Accès refusé", forbidden.text("h1"));
      assertFalse(forbidden.body().contains("Escroquerie"), path);
      assertNotEquals(200, console.get(path, null).status(), path);
    }
    ConsoleClient.Page queue = console.get("/console", officer).assertHtml(200);
    assertEquals("/console/statistics", queue.one("[data-testid=nav-statistics]").attr("href"));
    assertEquals("Statistiques", queue.text("[data-testid=nav-statistics]"));
  }

  @Test
  void aYearByPartnerShowsTheFiguresWorkedOutByHand() {
    ConsoleClient.Page page = console.get(YEAR_2025, officer).assertHtml(200);

    assertEquals("Statistiques", page.text("h1"));
    assertEquals(
        "page", page.one("[data-testid=nav-statistics]").attr("aria-current"), "current section");
    assertEquals(
        "Du 01/01/2025 au 31/12/2025 inclus (fuseau Africa/Casablanca)",
        page.text("[data-testid=statistics-period]"));
    assertEquals("19", figure(page, "requests"));
    assertEquals("16", figure(page, "completed"));
    assertEquals("2", figure(page, "open"));
    assertEquals("2", figure(page, "overdue"));
    assertEquals("78,9 %", figure(page, "withinDeadline"));
    assertEquals("76,9 %", figure(page, "removalRate"));
    assertEquals("2 h 00 min", figure(page, "timeToOutcome"));

    // requests by category per month: March to May, April at zero; categories in their order
    assertEquals(
        List.of("Mois", "Escroquerie", "Sextorsion", "Diffamation", "Total"),
        page.html().select("table[data-testid=table-monthly] thead th").eachText());
    assertEquals(List.of("mars 2025", "10", "0", "0", "10"), row(page, "table-monthly", "2025-03"));
    assertEquals(List.of("avril 2025", "0", "0", "0", "0"), row(page, "table-monthly", "2025-04"));
    assertEquals(List.of("mai 2025", "0", "4", "5", "9"), row(page, "table-monthly", "2025-05"));
    assertEquals(List.of("0", "4", "5"), values(page, "table-monthly", "2025-05"));

    // outcomes by partner, groups in the API's order
    assertEquals(
        List.of("GOOGLE", "META", "TIKTOK"),
        page.html().select("table[data-testid=table-outcomes] tbody tr").eachAttr("data-key"));
    assertEquals(
        List.of("Meta", "10", "6", "0", "0", "0", "2", "0"), row(page, "table-outcomes", "META"));
    assertEquals(List.of("6", "0", "0", "0", "2", "0"), values(page, "table-outcomes", "META"));
    assertEquals(
        List.of("TikTok", "4", "0", "0", "4", "0", "0", "0"),
        row(page, "table-outcomes", "TIKTOK"));

    // time to outcome: p50 and p90, written as spans, drawn in hours
    assertEquals(
        List.of("Meta", "8", "2 h 00 min", "1 j 06 h"), row(page, "table-timeToOutcome", "META"));
    assertEquals(List.of("2.0", "30.0"), values(page, "table-timeToOutcome", "META"));
    assertEquals(
        List.of("TikTok", "3", "30 min 00 s", "30 min 00 s"),
        row(page, "table-timeToOutcome", "TIKTOK"));
    assertEquals(
        List.of("Google", "5", "1 j 00 h", "1 j 00 h"), row(page, "table-timeToOutcome", "GOOGLE"));

    // share handled within the deadline
    assertEquals(List.of("Meta", "10", "6", "60,0 %"), row(page, "table-withinDeadline", "META"));
    assertEquals(List.of("60.0"), values(page, "table-withinDeadline", "META"));
    assertEquals(
        List.of("TikTok", "4", "4", "100,0 %"), row(page, "table-withinDeadline", "TIKTOK"));

    // each chart: a canvas with its text alternative, over its table
    for (String chart : List.of("monthly", "outcomes", "timeToOutcome", "withinDeadline")) {
      Element figure = page.one("figure[data-testid=chart-" + chart + "]");
      Element canvas = figure.selectFirst("canvas");
      assertEquals("img", canvas.attr("role"), chart);
      assertTrue(canvas.attr("aria-label").contains("tableau qui suit"), chart);
      assertEquals("table-" + chart, figure.attr("data-table"));
    }
    assertEquals("Issues par partenaire", page.text("figure[data-testid=chart-outcomes] h2"));
    assertEquals("100", page.one("figure[data-testid=chart-withinDeadline]").attr("data-max"));
    assertEquals("true", page.one("figure[data-testid=chart-outcomes]").attr("data-stacked"));

    // the links: the CSV of what is shown, the monthly CSV, the year's report
    assertEquals(
        "/console/statistics/csv?year=2025&groupBy=platform",
        page.one("[data-testid=csv-grouped]").attr("href"));
    assertEquals(
        "/console/statistics/csv/monthly?year=2025",
        page.one("[data-testid=csv-monthly]").attr("href"));
    assertEquals(
        "/console/statistics/report?year=2025", page.one("[data-testid=report-link]").attr("href"));
  }

  @Test
  void withoutParametersTheCurrentYearByPartner() {
    ConsoleClient.Page page = console.get("/console/statistics", officer).assertHtml(200);

    assertEquals("2026", page.one("input[name=year]").attr("value"));
    assertEquals("platform", page.one("select[name=groupBy] option[selected]").attr("value"));
    assertEquals("3", figure(page, "requests"));
    assertEquals("3", figure(page, "open"));
    assertEquals(
        List.of("META"),
        page.html().select("table[data-testid=table-outcomes] tbody tr").eachAttr("data-key"));
  }

  @Test
  void datesAndAGroupingMakeAView() {
    ConsoleClient.Page page =
        console
            .get(
                "/console/statistics?year=2026&from=2025-05-01&to=2025-06-01&groupBy=category",
                officer)
            .assertHtml(200);

    assertEquals(
        "Du 01/05/2025 au 31/05/2025 inclus (fuseau Africa/Casablanca)",
        page.text("[data-testid=statistics-period]"));
    assertEquals("9", figure(page, "requests"));
    assertEquals("", page.one("input[name=year]").attr("value"), "dates win over the year");
    assertEquals("2025-05-01", page.one("input[name=from]").attr("value"));
    assertEquals("category", page.one("select[name=groupBy] option[selected]").attr("value"));
    assertEquals("Issues par catégorie", page.text("figure[data-testid=chart-outcomes] h2"));
    assertEquals(
        List.of("Diffamation", "5", "4", "0", "0", "0", "0", "1"),
        row(page, "table-outcomes", "DEFAMATION"));
    assertEquals(
        "/console/statistics/csv?from=2025-05-01&to=2025-06-01&groupBy=category",
        page.one("[data-testid=csv-grouped]").attr("href"));

    ConsoleClient.Page months =
        console.get("/console/statistics?year=2025&groupBy=month", officer).assertHtml(200);
    assertEquals(
        List.of("2025-03", "2025-05"),
        months
            .html()
            .select("table[data-testid=table-withinDeadline] tbody tr")
            .eachAttr("data-key"));
    assertEquals(
        List.of("mars 2025", "10", "6", "60,0 %"), row(months, "table-withinDeadline", "2025-03"));
  }

  @Test
  void aViewThatCannotBeReadNamesEachBadFieldAndComputesNothing() {
    Map<String, List<String>> cases =
        Map.of(
            "year=20x5", List.of("year"),
            "year=0", List.of("year"),
            "from=2025-13-01&to=2026-01-01", List.of("from"),
            "from=2025-01-01", List.of("to"),
            "from=2025-06-01&to=2025-06-01", List.of("to"),
            "year=2025&groupBy=colour", List.of("groupBy"),
            "year=2025&groupBy=platform,month", List.of("groupBy"),
            "from=01/01/2025&to=yesterday&groupBy=x", List.of("from", "to", "groupBy"));
    cases.forEach(
        (query, fields) -> {
          ConsoleClient.Page page = console.get("/console/statistics?" + query, officer);
          page.assertHtml(400);
          assertTrue(page.html().select("[data-testid=statistics-results]").isEmpty(), query);
          assertEquals(
              fields,
              page
                  .html()
                  .select("[data-testid=statistics-errors] li a")
                  .eachAttr("data-testid")
                  .stream()
                  .map(id -> id.substring("error-summary-".length()))
                  .toList(),
              query);
          for (String field : fields) {
            Element input = page.one("#statistics-" + field);
            assertEquals("true", input.attr("aria-invalid"), query);
            assertFalse(page.text("[data-testid=field-error-" + field + "]").isBlank(), query);
          }
        });

    ConsoleClient.Page order =
        console.get("/console/statistics?from=2025-06-01&to=2025-01-01", officer);
    assertEquals(
        "Au (exclu) : La date de fin (exclue) doit être postérieure à la date de début.",
        order.text("[data-testid=error-summary-to]"));
    ConsoleClient.Page year = console.get("/console/statistics/report?year=twenty", officer);
    year.assertHtml(400);
    assertEquals(
        "Année : Indiquez une année sur quatre chiffres, de 0001 à 9998.",
        year.text("[data-testid=error-summary-year]"));
    // the report reads its year alone: dates beside a bad one do not make it a view
    ConsoleClient.Page withDates =
        console.get(
            "/console/statistics/report?year=twenty&from=2025-01-01&to=2025-02-01", officer);
    withDates.assertHtml(400);
    assertEquals(
        List.of("error-summary-year"),
        withDates.html().select("[data-testid=statistics-errors] li a").eachAttr("data-testid"));
    ConsoleClient.Page csv =
        console.get("/console/statistics/csv?year=2025&groupBy=colour", officer);
    csv.assertHtml(400);
    assertEquals(1, csv.html().select("[data-testid=error-summary-groupBy]").size());
  }

  @Test
  void whatTheAddressCarriesComesBackEscaped() {
    String hostile = "<script>alert(1)</script>\"><img src=x>";
    String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
    ConsoleClient.Page page =
        console.get(
            "/console/statistics?from="
                + encoded
                + "&to="
                + encoded
                + "&year="
                + encoded
                + "&groupBy="
                + encoded,
            officer);

    page.assertHtml(400);
    assertEquals(hostile, page.one("input[name=from]").attr("value"));
    assertEquals("text", page.one("input[name=from]").attr("type"));
    assertTrue(page.html().select("img").isEmpty(), page.body());
    assertNoInlineCode(page);
  }

  @Test
  void theSameInEnglish() {
    ConsoleClient.Page page = console.getIn(Language.EN, YEAR_2025, officer).assertHtml(200);

    assertEquals("en", page.one("html").attr("lang"));
    assertEquals("Statistics", page.text("h1"));
    assertEquals(
        "2025-01-01 to 2025-12-31 included (Africa/Casablanca time zone)",
        page.text("[data-testid=statistics-period]"));
    assertEquals("78.9%", figure(page, "withinDeadline"));
    assertEquals("Outcomes by partner", page.text("figure[data-testid=chart-outcomes] h2"));
    assertEquals(
        List.of("March 2025", "10", "0", "0", "10"), row(page, "table-monthly", "2025-03"));
    assertEquals(
        List.of("Meta", "8", "2 h 00 min", "1 d 06 h"), row(page, "table-timeToOutcome", "META"));
    assertTrue(
        page.one("figure[data-testid=chart-monthly] canvas").attr("aria-label").contains("table"));

    ConsoleClient.Page report =
        console.getIn(Language.EN, "/console/statistics/report?year=2025", officer).assertHtml(200);
    assertEquals("Annual report 2025", report.text("h1"));
    assertEquals(List.of("Fraud", "10", "52.6%"), row(report, "report-categories", "FRAUD"));
    ConsoleClient.Page bad =
        console.getIn(Language.EN, "/console/statistics?year=2025&groupBy=colour", officer);
    assertEquals(
        "Group by: Choose a grouping from the list: partner, category, action, priority or month.",
        bad.text("[data-testid=error-summary-groupBy]"));
  }

  @Test
  void theAnnualReportHoldsWhatAUnitHeadHandsOver() {
    ConsoleClient.Page report =
        console.get("/console/statistics/report?year=2025", officer).assertHtml(200);

    assertEquals("Rapport annuel 2025", report.text("h1"));
    assertEquals(
        "Du 01/01/2025 au 31/12/2025 inclus (fuseau Africa/Casablanca)",
        report.text("[data-testid=report-period]"));
    assertTrue(
        report.text("[data-testid=report-generated]").startsWith("Établi le 01/02/2026 13:00"));
    assertEquals("19", figure(report, "requests"));
    assertEquals("16", figure(report, "completed"));
    assertEquals("0", figure(report, "failed"));
    assertEquals("0", figure(report, "cancelled"));
    assertEquals("78,9 %", figure(report, "withinDeadline"));
    assertEquals("76,9 %", figure(report, "removalRate"));
    // share per category
    assertEquals(
        List.of("Diffamation", "5", "26,3 %"), row(report, "report-categories", "DEFAMATION"));
    assertEquals(List.of("Escroquerie", "10", "52,6 %"), row(report, "report-categories", "FRAUD"));
    assertEquals(
        List.of("Sextorsion", "4", "21,1 %"), row(report, "report-categories", "SEXTORTION"));
    // per partner: requests, the six outcomes, removal rate, share within the deadline
    assertEquals(
        List.of("Meta", "10", "6", "0", "0", "0", "2", "0", "75,0 %", "60,0 %"),
        row(report, "report-platforms", "META"));
    assertEquals(
        List.of("Google", "5", "4", "0", "0", "0", "0", "1", "80,0 %", "100,0 %"),
        row(report, "report-platforms", "GOOGLE"));
    assertEquals(
        List.of("TikTok", "4", "0", "0", "4", "0", "0", "0", "—", "100,0 %"),
        row(report, "report-platforms", "TIKTOK"));
    // time to removal: takedowns only (TikTok's requests are preservations)
    assertEquals(
        List.of("GOOGLE", "META"),
        report
            .html()
            .select("table[data-testid=report-time-to-removal] tbody tr")
            .eachAttr("data-key"));
    assertEquals(
        List.of("Meta", "8", "2 h 00 min", "1 j 06 h"),
        row(report, "report-time-to-removal", "META"));
    // preservations kept, extended, lapsed
    assertEquals("4", figure(report, "preserved"));
    assertEquals("1", figure(report, "extended"));
    assertEquals("1", figure(report, "lapsed"));
    assertEquals("Imprimer", report.text("[data-testid=print-report]"));
    assertNoInlineCode(report);
  }

  @Test
  void theCsvIsTheApisForThePeriodAndGroupingShown() {
    Api.Answer grouped =
        api.get(
            "/console/statistics/csv?year=2025&groupBy=platform",
            null,
            "Accept",
            ConsoleClient.BROWSER_ACCEPT,
            "Cookie",
            org.takedown.gateway.testing.TestConsole.cookieFor(officer));
    assertEquals(200, grouped.status(), grouped.body());
    assertTrue(
        grouped.header("Content-Type").startsWith("text/csv"), grouped.header("Content-Type"));
    assertEquals(
        "attachment; filename=\"statistics-2025-platform.csv\"",
        grouped.header("Content-Disposition"));
    Api.Answer fromApi =
        api.get(
            "/api/v1/statistics?from=2025-01-01&to=2026-01-01&groupBy=platform",
            officer,
            "Accept",
            "text/csv");
    assertEquals(fromApi.body(), grouped.body());
    assertTrue(grouped.body().startsWith("platform,requests,open,completed,"), grouped.body());
    assertTrue(grouped.body().contains("\r\nMETA,10,2,8,"), grouped.body());

    Api.Answer monthly =
        api.get(
            "/console/statistics/csv/monthly?from=2025-03-01&to=2025-06-01",
            null,
            "Cookie",
            org.takedown.gateway.testing.TestConsole.cookieFor(officer));
    assertEquals(200, monthly.status(), monthly.body());
    assertEquals(
        "attachment; filename=\"statistics-2025-03-01-2025-06-01-category-month.csv\"",
        monthly.header("Content-Disposition"));
    assertEquals(
        api.get(
                "/api/v1/statistics?from=2025-03-01&to=2025-06-01&groupBy=category,month",
                officer,
                "Accept",
                "text/csv")
            .body(),
        monthly.body());
  }

  @Test
  void theChartsScriptsAreTheGatewaysOwn() {
    ConsoleClient.Page page = console.get(YEAR_2025, officer).assertHtml(200);
    assertNoInlineCode(page);
    List<String> scripts = page.html().select("script[src]").eachAttr("src");
    assertTrue(scripts.stream().anyMatch(s -> s.endsWith("/chart.umd.min.js")), scripts.toString());
    assertTrue(scripts.stream().anyMatch(s -> s.endsWith("/statistics.js")), scripts.toString());
    for (String src : scripts) {
      Api.Answer script = api.get(src, null);
      assertEquals(200, script.status(), src);
      assertTrue(script.header("Content-Type").startsWith("text/javascript"), src);
    }
    // other pages do not load the charts
    ConsoleClient.Page queue = console.get("/console", officer).assertHtml(200);
    assertTrue(
        queue.html().select("script[src]").eachAttr("src").stream()
            .noneMatch(s -> s.contains("chart")));
  }

  private static void assertNoInlineCode(ConsoleClient.Page page) {
    assertTrue(page.html().select("script:not([src])").isEmpty(), page.body());
    assertTrue(page.html().select("style, [style]").isEmpty(), page.body());
    for (Element element : page.html().getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertFalse(attribute.getKey().toLowerCase().startsWith("on"), element.outerHtml());
      }
    }
  }
}
