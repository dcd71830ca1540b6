package org.takedown.gateway.console;

import java.util.List;

/**
 * {@code /console/statistics/report?year=}: a year's figures as a unit head hands them over, laid
 * out for print: the totals, the share of each category, each partner's outcomes, removal rate and
 * share within the deadline, the time to an outcome of takedowns per partner, and what became of
 * the preservations.
 *
 * @param generatedAt when the report was computed, in the console's zone
 * @param pageHref the statistics page of the same year
 */
public record StatisticsReport(
    int year,
    String period,
    String generatedAt,
    List<StatisticsPage.Figure> totals,
    StatisticsTable categories,
    StatisticsTable platforms,
    StatisticsTable timeToRemoval,
    List<StatisticsPage.Figure> preservations,
    String pageHref,
    String csvHref) {}
