package org.takedown.gateway.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /metrics}: every meter of the application's registry in the Prometheus text format
 * 0.0.4, unauthenticated. Micronaut's own management endpoints stay disabled (application.yml). A
 * scrape never queries the database: the request gauges show the {@link RequestSnapshot}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = PrometheusMeterRegistry.class)
final class MetricsController {

  static final MediaType PROMETHEUS_TEXT = MediaType.of("text/plain; version=0.0.4; charset=utf-8");

  private final PrometheusMeterRegistry prometheus;

  /** The gauges' beans are asked for so that they are registered before the first scrape. */
  MetricsController(
      PrometheusMeterRegistry prometheus, RequestMetrics requests, CustodyMetrics custody) {
    this.prometheus = prometheus;
  }

  @Get(uri = "/metrics", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> scrape() {
    return HttpResponse.ok(prometheus.scrape()).contentType(PROMETHEUS_TEXT);
  }
}
