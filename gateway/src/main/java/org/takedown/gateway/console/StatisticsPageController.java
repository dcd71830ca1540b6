package org.takedown.gateway.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.time.LocalDate;
import java.util.Map;
import org.takedown.gateway.auth.Roles;

/**
 * {@code /console/statistics}: the statistics of a period ({@link StatisticsView}: a year or two
 * dates in the console's zone, and a grouping, all in the query string) as charts over their
 * tables; {@code /report?year=} the year's printable report; {@code /csv} and {@code /csv/monthly}
 * the CSV of what the page shows, as the API writes it. For liaison officers and admins, as {@code
 * GET /api/v1/statistics}. A view that cannot be read is the page's form again (400) with each bad
 * field named, and nothing computed.
 */
@Controller(StatisticsPages.PATH)
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatisticsPageController {

  static final String VIEW = "console/statistics";
  static final String REPORT_VIEW = "console/statisticsReport";
  static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

  private final StatisticsPages statistics;
  private final ConsolePages pages;

  StatisticsPageController(StatisticsPages statistics, ConsolePages pages) {
    this.statistics = statistics;
    this.pages = pages;
  }

  @Get
  @Produces(MediaType.TEXT_HTML)
  HttpResponse<?> page(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.STATISTICS);
    StatisticsView view = view(request, chrome);
    return render(chrome, view);
  }

  @Get("/report")
  @Produces(MediaType.TEXT_HTML)
  HttpResponse<?> report(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.STATISTICS);
    String year = FormFields.query(request).filled("year");
    int chosen = year == null ? today(chrome).getYear() : StatisticsView.year(year).orElse(0);
    if (chosen == 0) {
      // the page's form, its year named (the report reads no other parameter): the report has no
      // field of its own to show it on
      return render(
          chrome, StatisticsView.of(year, null, null, null, chrome.time().zone(), today(chrome)));
    }
    return HttpResponse.ok(
        ConsolePages.page(REPORT_VIEW, chrome, statistics.report(chrome, chosen)));
  }

  /** The CSV of the view's grouping, named after the period and the grouping. */
  @Get("/csv")
  @Produces({"text/csv", MediaType.TEXT_HTML})
  HttpResponse<?> csv(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.STATISTICS);
    StatisticsView view = view(request, chrome);
    if (view.query() == null) {
      return render(chrome, view);
    }
    return download(statistics.csv(view), fileName(view, view.dimension().wireName()));
  }

  /** The CSV of the requests by category per month of the view's period. */
  @Get("/csv/monthly")
  @Produces({"text/csv", MediaType.TEXT_HTML})
  HttpResponse<?> monthlyCsv(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.STATISTICS);
    StatisticsView view = view(request, chrome);
    if (view.query() == null) {
      return render(chrome, view);
    }
    return download(statistics.monthlyCsv(view), fileName(view, "category-month"));
  }

  private static StatisticsView view(HttpRequest<?> request, Chrome chrome) {
    FormFields query = FormFields.query(request);
    return StatisticsView.of(
        query.filled("year"),
        query.filled("from"),
        query.filled("to"),
        query.filled("groupBy"),
        chrome.time().zone(),
        today(chrome));
  }

  private static LocalDate today(Chrome chrome) {
    return LocalDate.ofInstant(chrome.now(), chrome.time().zone());
  }

  private HttpResponse<ModelAndView<Map<String, Object>>> render(
      Chrome chrome, StatisticsView view) {
    HttpStatus status = view.errors().isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST;
    return HttpResponse.<ModelAndView<Map<String, Object>>>status(status)
        .contentType(MediaType.TEXT_HTML_TYPE)
        .body(ConsolePages.page(VIEW, chrome, statistics.page(chrome, view)));
  }

  /** {@code statistics-2026-platform.csv}, {@code statistics-2026-01-01-2026-04-01-month.csv}. */
  private static String fileName(StatisticsView view, String grouping) {
    String period =
        view.byDates()
            ? view.query().from() + "-" + view.query().to()
            : Integer.toString(view.query().from().getYear());
    return "statistics-" + period + "-" + grouping + ".csv";
  }

  private static HttpResponse<String> download(String csv, String fileName) {
    return HttpResponse.ok(csv)
        .contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
  }
}
