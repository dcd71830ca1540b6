package org.takedown.gateway.console;

/**
 * One chart of the statistics page: what it shows ({@code title}), a sentence that says it for
 * those who do not see it (the canvas's text alternative; the table below holds the figures), how
 * its bars stand ({@code stacked} or side by side), the unit of its axis, and its table.
 *
 * @param id its name, the {@code data-testid} of its figure ({@code chart-<id>})
 * @param max the axis's upper bound (100 for percentages), null to fit the data
 */
public record StatisticsChart(
    String id,
    String title,
    String description,
    boolean stacked,
    String unit,
    Integer max,
    StatisticsTable table) {}
