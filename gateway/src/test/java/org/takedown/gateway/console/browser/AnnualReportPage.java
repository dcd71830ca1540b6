package org.takedown.gateway.console.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/** {@code /console/statistics/report?year=}: a year's report, laid out for print. */
final class AnnualReportPage extends Page {

  AnnualReportPage(Browser browser, String year) {
    super(browser, Controls.heading("Rapport annuel " + year));
  }

  String figure(String id) {
    return find(By.cssSelector("[data-testid=figure-" + id + "] dd")).getText();
  }

  List<String> tableRow(String table, String key) {
    return find(By.cssSelector("table[data-testid=" + table + "] tr[data-key=\"" + key + "\"]"))
        .findElements(By.cssSelector("th, td"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  /**
   * Whether each of {@code selectors} is shown when the page is printed: the browser lays the page
   * out for print (CSS media {@code print}) while it looks, then for the screen again.
   */
  Map<String, Boolean> shownInPrint(List<String> selectors) {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      java.util.Map<String, Boolean> shown = new java.util.LinkedHashMap<>();
      for (String selector : selectors) {
        shown.put(selector, browser.driver().findElement(By.cssSelector(selector)).isDisplayed());
      }
      return shown;
    } finally {
      chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
  }
}
