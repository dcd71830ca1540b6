package org.takedown.gateway.console;

import java.util.List;

/**
 * A table of figures as the statistics pages show it: a header per column, a row per group, each
 * cell with its text in the reader's language and, in a plotted column, its raw number. A chart is
 * drawn from its table by {@code statistics.js} (the plotted columns are its series, the rows its
 * labels), so that the chart and its text alternative cannot disagree.
 *
 * @param id the table's id, also its {@code data-testid}
 * @param keyHeader the header of the column that names each row (a partner, a month)
 */
public record StatisticsTable(
    String id, String caption, String keyHeader, List<Column> columns, List<Row> rows) {

  /**
   * @param plotted whether the chart draws this column (a series); else it is shown only
   * @param name the column's stable name, its cells' {@code data-column}
   */
  public record Column(String name, String label, boolean plotted) {}

  /** One row: its label and its cells, in the columns' order. */
  public record Row(String key, String label, List<Cell> cells) {}

  /**
   * @param value the number the chart plots (a count, a percentage, hours), empty when there is
   *     none (a null percentile): the chart leaves a gap
   */
  public record Cell(String text, String value) {

    static Cell of(String text) {
      return new Cell(text, "");
    }
  }
}
