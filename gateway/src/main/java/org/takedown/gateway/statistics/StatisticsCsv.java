package org.takedown.gateway.statistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.takedown.contracts.Outcome;

/**
 * Statistics as CSV (RFC 4180): a header row, then one row per group, no totals row; the {@code
 * groupBy} keys first, then every figure, nested ones named with dots ({@code outcomes.REMOVED},
 * {@code timeToSubmit.p50}). Null is an empty field. Without {@code groupBy} there is one row: the
 * period's totals, the one group there is. Lines end with CRLF; a field is quoted only when it
 * holds a comma, a quote or a line break (no value the gateway writes does); decimals are written
 * plainly ({@code 10000000.0}, never {@code 1.0E7}).
 */
public final class StatisticsCsv {

  private record Column(String name, Function<Figures, Object> value) {}

  private static final List<Column> FIGURES = figures();

  private StatisticsCsv() {}

  /** The CSV of {@code statistics}, computed for {@code groupBy}: the API's and the console's. */
  public static String of(List<Dimension> groupBy, Statistics statistics) {
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>();
    groupBy.forEach(d -> header.add(d.wireName()));
    FIGURES.forEach(c -> header.add(c.name()));
    line(csv, header);
    if (groupBy.isEmpty()) {
      line(csv, values(List.of(), statistics.totals()));
    } else {
      for (Statistics.Group group : statistics.groups()) {
        List<String> keys = new ArrayList<>();
        groupBy.forEach(d -> keys.add(group.key().get(d.wireName())));
        line(csv, values(keys, group.figures()));
      }
    }
    return csv.toString();
  }

  private static List<String> values(List<String> keys, Figures figures) {
    List<String> values = new ArrayList<>(keys);
    for (Column column : FIGURES) {
      values.add(text(column.value().apply(figures)));
    }
    return values;
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double number) {
      String plain = BigDecimal.valueOf(number).toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    return value.toString();
  }

  private static void line(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(field(fields.get(i)));
    }
    csv.append("\r\n");
  }

  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static List<Column> figures() {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("requests", Figures::requests));
    columns.add(new Column("open", Figures::open));
    columns.add(new Column("completed", Figures::completed));
    columns.add(new Column("failed", Figures::failed));
    columns.add(new Column("cancelled", Figures::cancelled));
    columns.add(new Column("expired", Figures::expired));
    for (Outcome outcome : Outcome.values()) {
      columns.add(new Column("outcomes." + outcome.name(), f -> f.outcomes().get(outcome.name())));
    }
    columns.add(new Column("overdue", Figures::overdue));
    columns.add(new Column("withinDeadline", Figures::withinDeadline));
    columns.add(new Column("removalRate", Figures::removalRate));
    columns.add(
        new Column(
            "timeToSubmit.p50", f -> f.timeToSubmit() == null ? null : f.timeToSubmit().p50()));
    columns.add(
        new Column(
            "timeToSubmit.p90", f -> f.timeToSubmit() == null ? null : f.timeToSubmit().p90()));
    columns.add(
        new Column(
            "timeToOutcome.p50", f -> f.timeToOutcome() == null ? null : f.timeToOutcome().p50()));
    columns.add(
        new Column(
            "timeToOutcome.p90", f -> f.timeToOutcome() == null ? null : f.timeToOutcome().p90()));
    columns.add(new Column("preservations.preserved", f -> f.preservations().preserved()));
    columns.add(new Column("preservations.extended", f -> f.preservations().extended()));
    columns.add(new Column("preservations.expired", f -> f.preservations().expired()));
    return List.copyOf(columns);
  }
}
