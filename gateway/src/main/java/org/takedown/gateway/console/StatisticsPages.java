package org.takedown.gateway.console;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.takedown.contracts.Category;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.statistics.ComputeStatistics;
import org.takedown.gateway.statistics.Dimension;
import org.takedown.gateway.statistics.Figures;
import org.takedown.gateway.statistics.Statistics;
import org.takedown.gateway.statistics.StatisticsCsv;
import org.takedown.gateway.statistics.StatisticsQuery;

/**
 * Builds the statistics page, the annual report and their CSV from {@link ComputeStatistics}, the
 * API's own use case: every figure is the API's, the console only lays it out. The page computes
 * the period twice (by category and month, by the chosen grouping), the report three times (by
 * category, by partner, by partner and action).
 */
@Singleton
final class StatisticsPages {

  static final String PATH = "/console/statistics";

  /** The category-by-month chart's grouping, and its CSV's. */
  static final List<Dimension> MONTHLY = List.of(Dimension.CATEGORY, Dimension.MONTH);

  private final ComputeStatistics statistics;

  StatisticsPages(ComputeStatistics statistics) {
    this.statistics = statistics;
  }

  /** The grouping field's options, in {@link Dimension}'s order. */
  static List<StatisticsPage.Choice> groupings(Chrome chrome) {
    StatisticsFormat format = new StatisticsFormat(chrome);
    List<StatisticsPage.Choice> choices = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      choices.add(new StatisticsPage.Choice(dimension.wireName(), format.dimension(dimension)));
    }
    return List.copyOf(choices);
  }

  StatisticsPage page(Chrome chrome, StatisticsView view) {
    if (view.query() == null) {
      return StatisticsPage.refused(view, groupings(chrome));
    }
    StatisticsFormat format = new StatisticsFormat(chrome);
    StatisticsQuery query = view.query();
    Dimension dimension = view.dimension();
    Statistics monthly = statistics.compute(withGrouping(query, MONTHLY));
    Statistics grouped = statistics.compute(query);
    Figures totals = grouped.totals();
    List<StatisticsPage.Figure> figures =
        List.of(
            figure(chrome, "requests", format.count(totals.requests())),
            figure(chrome, "completed", format.count(totals.completed())),
            figure(chrome, "open", format.count(totals.open())),
            figure(chrome, "overdue", format.count(totals.overdue())),
            figure(
                chrome, "withinDeadline", format.share(totals.withinDeadline(), totals.requests())),
            figure(chrome, "removalRate", format.percent(totals.removalRate())),
            figure(chrome, "timeToOutcome", p50(format, totals)));
    List<StatisticsChart> charts =
        List.of(
            monthlyChart(chrome, format, monthly),
            outcomesChart(chrome, format, dimension, grouped),
            timeToOutcomeChart(chrome, format, dimension, grouped),
            withinDeadlineChart(chrome, format, dimension, grouped));
    int year = query.from().getYear();
    return new StatisticsPage(
        view,
        groupings(chrome),
        period(chrome, format, query),
        figures,
        charts,
        PATH + "/csv?" + view.queryString(),
        PATH + "/csv/monthly?" + view.periodQuery(),
        PATH + "/report?year=" + year,
        chrome.t("statistics.report.link", Integer.toString(year)));
  }

  /** The report of {@code year}, computed in the console's zone. */
  StatisticsReport report(Chrome chrome, int year) {
    StatisticsFormat format = new StatisticsFormat(chrome);
    StatisticsQuery ofYear =
        new StatisticsQuery(
            LocalDate.of(year, 1, 1),
            LocalDate.of(year + 1, 1, 1),
            chrome.time().zone(),
            List.of(Dimension.PLATFORM));
    Statistics byPlatform = statistics.compute(ofYear);
    Statistics byCategory = statistics.compute(withGrouping(ofYear, List.of(Dimension.CATEGORY)));
    Statistics byPlatformAndAction =
        statistics.compute(withGrouping(ofYear, List.of(Dimension.PLATFORM, Dimension.ACTION)));
    Figures totals = byPlatform.totals();
    List<StatisticsPage.Figure> figures =
        List.of(
            figure(chrome, "requests", format.count(totals.requests())),
            figure(chrome, "completed", format.count(totals.completed())),
            figure(chrome, "failed", format.count(totals.failed())),
            figure(chrome, "cancelled", format.count(totals.cancelled())),
            figure(chrome, "open", format.count(totals.open())),
            figure(chrome, "overdue", format.count(totals.overdue())),
            figure(
                chrome, "withinDeadline", format.share(totals.withinDeadline(), totals.requests())),
            figure(chrome, "removalRate", format.percent(totals.removalRate())));
    List<StatisticsPage.Figure> preservations =
        List.of(
            figure(chrome, "preserved", format.count(totals.preservations().preserved())),
            figure(chrome, "extended", format.count(totals.preservations().extended())),
            figure(chrome, "lapsed", format.count(totals.preservations().expired())));
    return new StatisticsReport(
        year,
        period(chrome, format, ofYear),
        chrome.local(chrome.now()),
        figures,
        categoryShares(chrome, format, byCategory),
        platformOutcomes(chrome, format, byPlatform),
        timeToRemoval(chrome, format, byPlatformAndAction),
        preservations,
        PATH + "?year=" + year,
        PATH + "/csv?year=" + year + "&groupBy=" + Dimension.PLATFORM.wireName());
  }

  /** The CSV of the view's grouping, as the API writes it. */
  String csv(StatisticsView view) {
    return StatisticsCsv.of(view.query().groupBy(), statistics.compute(view.query()));
  }

  /** The CSV of the category-by-month chart. */
  String monthlyCsv(StatisticsView view) {
    StatisticsQuery query = withGrouping(view.query(), MONTHLY);
    return StatisticsCsv.of(MONTHLY, statistics.compute(query));
  }

  private static StatisticsQuery withGrouping(StatisticsQuery query, List<Dimension> groupBy) {
    return new StatisticsQuery(query.from(), query.to(), query.zone(), groupBy);
  }

  private static StatisticsPage.Figure figure(Chrome chrome, String id, String value) {
    return new StatisticsPage.Figure(id, chrome.t("statistics.figure." + id), value);
  }

  private static String p50(StatisticsFormat format, Figures figures) {
    return format.duration(figures.timeToOutcome() == null ? null : figures.timeToOutcome().p50());
  }

  /** The period in words; {@code to} is excluded, so the last day shown is the one before. */
  private static String period(Chrome chrome, StatisticsFormat format, StatisticsQuery query) {
    return chrome.t(
        "statistics.period",
        format.date(query.from()),
        format.date(query.to().minusDays(1)),
        query.zone().getId());
  }

  /**
   * Requests by category per month: a row per month from the first to the last that has requests
   * (the months between included, at zero), a column per category that has any.
   */
  private static StatisticsChart monthlyChart(
      Chrome chrome, StatisticsFormat format, Statistics monthly) {
    TreeSet<String> months = new TreeSet<>();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Statistics.Group group : monthly.groups()) {
      String month = group.key().get(Dimension.MONTH.wireName());
      String category = group.key().get(Dimension.CATEGORY.wireName());
      months.add(month);
      counts
          .computeIfAbsent(category, c -> new LinkedHashMap<>())
          .put(month, group.figures().requests());
    }
    List<String> categories = new ArrayList<>();
    for (Category category : Category.values()) {
      if (counts.containsKey(category.name())) {
        categories.add(category.name());
      }
    }
    counts.keySet().stream().filter(c -> !categories.contains(c)).forEach(categories::add);
    List<StatisticsTable.Column> columns = new ArrayList<>();
    for (String category : categories) {
      columns.add(
          new StatisticsTable.Column(
              category, format.keyValue(Dimension.CATEGORY, category), true));
    }
    columns.add(new StatisticsTable.Column("total", chrome.t("statistics.column.total"), false));
    List<StatisticsTable.Row> rows = new ArrayList<>();
    if (!months.isEmpty()) {
      YearMonth last = YearMonth.parse(months.last());
      for (YearMonth month = YearMonth.parse(months.first());
          !month.isAfter(last);
          month = month.plusMonths(1)) {
        String key = month.toString();
        List<StatisticsTable.Cell> cells = new ArrayList<>();
        long total = 0;
        for (String category : categories) {
          long count = counts.get(category).getOrDefault(key, 0L);
          total += count;
          cells.add(new StatisticsTable.Cell(format.count(count), Long.toString(count)));
        }
        cells.add(StatisticsTable.Cell.of(format.count(total)));
        rows.add(new StatisticsTable.Row(key, format.month(key), cells));
      }
    }
    return new StatisticsChart(
        "monthly",
        chrome.t("statistics.chart.monthly.title"),
        chrome.t("statistics.chart.monthly.description"),
        true,
        chrome.t("statistics.unit.requests"),
        null,
        new StatisticsTable(
            "table-monthly",
            chrome.t("statistics.chart.monthly.title"),
            format.dimension(Dimension.MONTH),
            columns,
            rows));
  }

  private static StatisticsChart outcomesChart(
      Chrome chrome, StatisticsFormat format, Dimension dimension, Statistics grouped) {
    List<StatisticsTable.Column> columns = new ArrayList<>();
    columns.add(
        new StatisticsTable.Column("requests", chrome.t("statistics.column.requests"), false));
    for (Outcome outcome : Outcome.values()) {
      columns.add(new StatisticsTable.Column(outcome.name(), chrome.label(outcome), true));
    }
    List<StatisticsTable.Row> rows =
        rows(
            format,
            dimension,
            grouped.groups(),
            figures -> {
              List<StatisticsTable.Cell> cells = new ArrayList<>();
              cells.add(StatisticsTable.Cell.of(format.count(figures.requests())));
              for (Outcome outcome : Outcome.values()) {
                long count = figures.outcomes().getOrDefault(outcome.name(), 0L);
                cells.add(new StatisticsTable.Cell(format.count(count), Long.toString(count)));
              }
              return cells;
            });
    return chart(
        chrome,
        format,
        "outcomes",
        dimension,
        true,
        chrome.t("statistics.unit.requests"),
        null,
        columns,
        rows);
  }

  private static StatisticsChart timeToOutcomeChart(
      Chrome chrome, StatisticsFormat format, Dimension dimension, Statistics grouped) {
    List<StatisticsTable.Column> columns =
        List.of(
            new StatisticsTable.Column("completed", chrome.t("statistics.column.completed"), false),
            new StatisticsTable.Column("p50", chrome.t("statistics.column.p50"), true),
            new StatisticsTable.Column("p90", chrome.t("statistics.column.p90"), true));
    double longest =
        grouped.groups().stream()
            .map(g -> g.figures().timeToOutcome())
            .filter(java.util.Objects::nonNull)
            .mapToDouble(Figures.Percentiles::p90)
            .max()
            .orElse(0);
    StatisticsFormat.SpanUnit unit = StatisticsFormat.SpanUnit.fitting(longest);
    List<StatisticsTable.Row> rows =
        rows(
            format,
            dimension,
            grouped.groups(),
            figures -> {
              Figures.Percentiles time = figures.timeToOutcome();
              Double p50 = time == null ? null : time.p50();
              Double p90 = time == null ? null : time.p90();
              return List.of(
                  StatisticsTable.Cell.of(format.count(figures.completed())),
                  new StatisticsTable.Cell(format.duration(p50), unit.value(p50)),
                  new StatisticsTable.Cell(format.duration(p90), unit.value(p90)));
            });
    return chart(
        chrome,
        format,
        "timeToOutcome",
        dimension,
        false,
        chrome.t(unit.messageKey()),
        null,
        columns,
        rows);
  }

  private static StatisticsChart withinDeadlineChart(
      Chrome chrome, StatisticsFormat format, Dimension dimension, Statistics grouped) {
    List<StatisticsTable.Column> columns =
        List.of(
            new StatisticsTable.Column("requests", chrome.t("statistics.column.requests"), false),
            new StatisticsTable.Column(
                "withinDeadline", chrome.t("statistics.column.withinDeadline"), false),
            new StatisticsTable.Column("share", chrome.t("statistics.column.share"), true));
    List<StatisticsTable.Row> rows =
        rows(
            format,
            dimension,
            grouped.groups(),
            figures ->
                List.of(
                    StatisticsTable.Cell.of(format.count(figures.requests())),
                    StatisticsTable.Cell.of(format.count(figures.withinDeadline())),
                    new StatisticsTable.Cell(
                        format.share(figures.withinDeadline(), figures.requests()),
                        StatisticsFormat.shareValue(
                            figures.withinDeadline(), figures.requests()))));
    return chart(
        chrome,
        format,
        "withinDeadline",
        dimension,
        false,
        chrome.t("statistics.unit.percent"),
        100,
        columns,
        rows);
  }

  /** A row per group, keyed by its value of {@code dimension}. */
  private static List<StatisticsTable.Row> rows(
      StatisticsFormat format,
      Dimension dimension,
      List<Statistics.Group> groups,
      Function<Figures, List<StatisticsTable.Cell>> cells) {
    List<StatisticsTable.Row> rows = new ArrayList<>();
    for (Statistics.Group group : groups) {
      String key = group.key().get(dimension.wireName());
      rows.add(
          new StatisticsTable.Row(
              key, format.keyValue(dimension, key), List.copyOf(cells.apply(group.figures()))));
    }
    return rows;
  }

  /** A chart by the chosen grouping: its title and text alternative name the grouping. */
  private static StatisticsChart chart(
      Chrome chrome,
      StatisticsFormat format,
      String id,
      Dimension dimension,
      boolean stacked,
      String unit,
      Integer max,
      List<StatisticsTable.Column> columns,
      List<StatisticsTable.Row> rows) {
    String by = format.dimension(dimension).toLowerCase(chrome.language().locale());
    String title = chrome.t("statistics.chart." + id + ".title", by);
    return new StatisticsChart(
        id,
        title,
        chrome.t(
            "statistics.chart." + id + ".description",
            by,
            unit.toLowerCase(chrome.language().locale())),
        stacked,
        unit,
        max,
        new StatisticsTable(
            "table-" + id,
            title,
            format.dimension(dimension),
            List.copyOf(columns),
            List.copyOf(rows)));
  }

  /** The report's share of each category in the year's requests. */
  private static StatisticsTable categoryShares(
      Chrome chrome, StatisticsFormat format, Statistics byCategory) {
    long all = byCategory.totals().requests();
    List<StatisticsTable.Row> rows =
        rows(
            format,
            Dimension.CATEGORY,
            byCategory.groups(),
            figures ->
                List.of(
                    StatisticsTable.Cell.of(format.count(figures.requests())),
                    StatisticsTable.Cell.of(format.share(figures.requests(), all))));
    return new StatisticsTable(
        "report-categories",
        chrome.t("statistics.report.categories"),
        format.dimension(Dimension.CATEGORY),
        List.of(
            new StatisticsTable.Column("requests", chrome.t("statistics.column.requests"), false),
            new StatisticsTable.Column("share", chrome.t("statistics.column.shareOfAll"), false)),
        rows);
  }

  /** The report's outcomes, removal rate and share within the deadline of each partner. */
  private static StatisticsTable platformOutcomes(
      Chrome chrome, StatisticsFormat format, Statistics byPlatform) {
    List<StatisticsTable.Column> columns = new ArrayList<>();
    columns.add(
        new StatisticsTable.Column("requests", chrome.t("statistics.column.requests"), false));
    for (Outcome outcome : Outcome.values()) {
      columns.add(new StatisticsTable.Column(outcome.name(), chrome.label(outcome), false));
    }
    columns.add(
        new StatisticsTable.Column(
            "removalRate", chrome.t("statistics.column.removalRate"), false));
    columns.add(
        new StatisticsTable.Column(
            "withinDeadline", chrome.t("statistics.column.withinDeadlineShare"), false));
    List<StatisticsTable.Row> rows =
        rows(
            format,
            Dimension.PLATFORM,
            byPlatform.groups(),
            figures -> {
              List<StatisticsTable.Cell> cells = new ArrayList<>();
              cells.add(StatisticsTable.Cell.of(format.count(figures.requests())));
              for (Outcome outcome : Outcome.values()) {
                cells.add(
                    StatisticsTable.Cell.of(
                        format.count(figures.outcomes().getOrDefault(outcome.name(), 0L))));
              }
              cells.add(StatisticsTable.Cell.of(format.percent(figures.removalRate())));
              cells.add(
                  StatisticsTable.Cell.of(
                      format.share(figures.withinDeadline(), figures.requests())));
              return cells;
            });
    return new StatisticsTable(
        "report-platforms",
        chrome.t("statistics.report.platforms"),
        format.dimension(Dimension.PLATFORM),
        List.copyOf(columns),
        rows);
  }

  /** The report's time from a takedown's creation to its first outcome, per partner. */
  private static StatisticsTable timeToRemoval(
      Chrome chrome, StatisticsFormat format, Statistics byPlatformAndAction) {
    List<Statistics.Group> takedowns =
        byPlatformAndAction.groups().stream()
            .filter(group -> "TAKEDOWN".equals(group.key().get(Dimension.ACTION.wireName())))
            .toList();
    List<StatisticsTable.Row> rows =
        rows(
            format,
            Dimension.PLATFORM,
            takedowns,
            figures -> {
              Figures.Percentiles time = figures.timeToOutcome();
              return List.of(
                  StatisticsTable.Cell.of(format.count(figures.completed())),
                  StatisticsTable.Cell.of(format.duration(time == null ? null : time.p50())),
                  StatisticsTable.Cell.of(format.duration(time == null ? null : time.p90())));
            });
    return new StatisticsTable(
        "report-time-to-removal",
        chrome.t("statistics.report.timeToRemoval"),
        format.dimension(Dimension.PLATFORM),
        List.of(
            new StatisticsTable.Column(
                "completed", chrome.t("statistics.column.takedownsCompleted"), false),
            new StatisticsTable.Column("p50", chrome.t("statistics.column.p50"), false),
            new StatisticsTable.Column("p90", chrome.t("statistics.column.p90"), false)),
        rows);
  }
}
