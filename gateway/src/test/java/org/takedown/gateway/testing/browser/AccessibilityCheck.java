package org.takedown.gateway.testing.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.WebDriver;

/**
 * Issue #17, item 5: axe-core (the script inside Deque's jar, injected into the page) finds no
 * serious or critical violation on a page. Every rule axe runs by default is checked (WCAG 2.0 to
 * 2.2 A and AA, and Deque's best practices); a moderate or minor finding does not fail.
 */
final class AccessibilityCheck {

  static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  private AccessibilityCheck() {}

  static void assertNoSeriousViolation(WebDriver driver) {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError(
          "axe-core could not check " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
    }
    List<Rule> failing =
        results.getViolations().stream()
            .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
            .toList();
    if (!failing.isEmpty()) {
      throw new AssertionError(report(driver, failing));
    }
  }

  /**
   * One paragraph per rule: impact, rule id, what it asks, where Deque explains it, then each
   * element (its CSS selector and HTML) with axe's summary of what would fix it.
   */
  static String report(WebDriver driver, List<Rule> failing) {
    StringBuilder text =
        new StringBuilder()
            .append(failing.size())
            .append(
                failing.size() == 1
                    ? " serious or critical accessibility violation"
                    : " serious or critical accessibility violations")
            .append(" on ")
            .append(driver.getCurrentUrl())
            .append(" (\"")
            .append(driver.getTitle())
            .append("\"):");
    for (Rule rule : failing) {
      text.append("\n- ")
          .append(rule.getImpact())
          .append(' ')
          .append(rule.getId())
          .append(": ")
          .append(rule.getHelp())
          .append(" <")
          .append(rule.getHelpUrl())
          .append('>');
      for (CheckedNode node : rule.getNodes()) {
        text.append("\n    at ")
            .append(node.getTarget())
            .append(": ")
            .append(oneLine(node.getHtml()));
        if (node.getFailureSummary() != null) {
          text.append("\n      ").append(node.getFailureSummary().replace("\n", "\n      "));
        }
      }
    }
    return text.toString();
  }

  private static String oneLine(String html) {
    String flat = html == null ? "" : html.replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
