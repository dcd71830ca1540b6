package org.takedown.gateway.statistics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import org.takedown.gateway.auth.Roles;

/**
 * {@code GET /api/v1/statistics} (GATEWAY-API.md, "Statistics"): JSON, or CSV when the caller's
 * {@code Accept} prefers {@code text/csv}.
 */
@Controller("/api/v1/statistics")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatisticsController {

  static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

  private final ComputeStatistics statistics;

  StatisticsController(ComputeStatistics statistics) {
    this.statistics = statistics;
  }

  @Get(produces = {MediaType.APPLICATION_JSON, "text/csv"})
  @Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
  HttpResponse<?> statistics(
      HttpRequest<?> request,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue String groupBy,
      @Nullable @QueryValue String timezone) {
    StatisticsQuery query = StatisticsQuery.parse(from, to, groupBy, timezone);
    Statistics computed = statistics.compute(query);
    if (wantsCsv(request.getHeaders().getAll("Accept"))) {
      return HttpResponse.ok(StatisticsCsv.of(query.groupBy(), computed)).contentType(CSV);
    }
    return HttpResponse.ok(computed).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /**
   * Whether the most preferred of the {@code Accept} types the gateway can answer is {@code
   * text/csv}; JSON otherwise (no {@code Accept}, {@code *}{@code /*}, {@code application/json}).
   */
  static boolean wantsCsv(List<String> accept) {
    for (MediaType type : MediaType.orderedOf(accept)) {
      String name = type.getType() + "/" + type.getSubtype();
      if (name.equals("text/csv")) {
        return true;
      }
      if (name.equals("application/json") || name.equals("application/*") || name.equals("*/*")) {
        return false;
      }
    }
    return false;
  }
}
