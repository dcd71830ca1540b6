package org.takedown.gateway.console;

import java.util.List;

/**
 * {@code /console/statistics}: the period and grouping form, the period's key figures, the four
 * charts (requests by category per month; outcomes, time to outcome and the share handled within
 * the deadline, by the chosen grouping), each over its table, and the links to the CSV of what is
 * shown and to the year's report. On a form that cannot be read, only the form, its errors named.
 *
 * @param groupings the choices of the grouping field
 * @param period the period in words; null when the view has errors
 * @param totals the period's key figures; empty when the view has errors
 */
public record StatisticsPage(
    StatisticsView view,
    List<Choice> groupings,
    String period,
    List<Figure> totals,
    List<StatisticsChart> charts,
    String csvHref,
    String monthlyCsvHref,
    String reportHref,
    String reportLabel) {

  /** One option of a select: the value sent and its label. */
  public record Choice(String value, String label) {}

  /** One key figure: its name, its label and its value as written. */
  public record Figure(String id, String label, String value) {}

  static StatisticsPage refused(StatisticsView view, List<Choice> groupings) {
    return new StatisticsPage(view, groupings, null, List.of(), List.of(), null, null, null, null);
  }

  public boolean selected(String grouping) {
    return view.dimension().wireName().equals(grouping);
  }
}
