package org.takedown.gateway.console.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * {@code /console/statistics}: the period and grouping form, the key figures, the four charts over
 * their tables, the CSV links and the link to the year's report. Constructing it waits until every
 * chart of the page is drawn.
 */
final class StatisticsChartsPage extends Page {

  static final List<String> CHARTS =
      List.of("monthly", "outcomes", "timeToOutcome", "withinDeadline");

  StatisticsChartsPage(Browser browser) {
    super(browser, Controls.heading("Statistiques"));
    browser.waitUntil(
        driver ->
            driver.findElements(By.cssSelector("figure[data-chart-drawn=true]")).size()
                == CHARTS.size(),
        "the four charts drawn");
  }

  StatisticsChartsPage year(String year) {
    WebElement field = find(Controls.field("Année"));
    field.clear();
    field.sendKeys(year);
    return this;
  }

  StatisticsChartsPage groupBy(String grouping) {
    new Select(find(Controls.field("Regrouper par"))).selectByVisibleText(grouping);
    return this;
  }

  /** Sends the form: the page of the view asked for. */
  StatisticsChartsPage show() {
    find(Controls.button("Afficher")).click();
    browser.waitUntil(
        driver -> driver.getCurrentUrl().contains("year="), "the view's address after the form");
    return new StatisticsChartsPage(browser);
  }

  String period() {
    return find(By.cssSelector("[data-testid=statistics-period]")).getText();
  }

  String figure(String id) {
    return find(By.cssSelector("[data-testid=figure-" + id + "] dd")).getText();
  }

  String chartTitle(String chart) {
    return find(By.cssSelector("figure[data-testid=chart-" + chart + "] h2")).getText();
  }

  /** The texts of one row of a chart's table, its label first. */
  List<String> tableRow(String chart, String key) {
    return find(
            By.cssSelector("table[data-testid=table-" + chart + "] tr[data-key=\"" + key + "\"]"))
        .findElements(By.cssSelector("th, td"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  /**
   * What Chart.js drew on the chart's canvas: its labels and each dataset's label and numbers, as
   * the chart object holds them.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> drawn(String chart) {
    WebElement canvas = find(By.cssSelector("figure[data-testid=chart-" + chart + "] canvas"));
    return (Map<String, Object>)
        browser.script(
            "var chart = window.Chart.getChart(arguments[0]);"
                + " return {labels: chart.data.labels, width: arguments[0].width,"
                + " series: chart.data.datasets.map(function (d) { return d.label; }),"
                + " data: chart.data.datasets.map(function (d) { return d.data; })};",
            canvas);
  }

  /** Clicks the link to the CSV of the figures shown. */
  void downloadFiguresShown() {
    find(Controls.link("Télécharger les chiffres affichés (CSV)")).click();
  }

  AnnualReportPage openReport(String year) {
    find(Controls.link("Rapport annuel " + year + " (à imprimer)")).click();
    return new AnnualReportPage(browser, year);
  }
}
