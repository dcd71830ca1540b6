package org.takedown.gateway.operations;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.takedown.gateway.custody.CustodyMonitor;
import org.takedown.gateway.startup.RunMode;

/**
 * {@code GET /health}: 200 while the database answers, 503 when it does not ({@link
 * DatabaseCheck}). Per partner: this instance's circuit breaker state, whether it dispatches to the
 * partner, whether the partner is paused for refusing the gateway's credentials, and its backlog of
 * PENDING requests as of the last {@link RequestSnapshot} (whose time and age it shows under {@code
 * snapshot}). A partner's trouble never makes the gateway unhealthy. Nothing here queries the
 * request table, and concurrent calls share one database check, so a flood of these unauthenticated
 * calls never takes more than one pooled connection. It also says the run mode, and in local mode
 * what stands in for which service, so that a local run is never mistaken for production. Under
 * {@code custody}, what this instance's {@link CustodyMonitor} last found (never a query per call);
 * an inconsistent custody log is reported there, not counted against the gateway's status.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class HealthController {

  private final DatabaseCheck database;
  private final RequestSnapshot snapshot;
  private final PartnerBoard board;
  private final RunMode runMode;
  private final CustodyMonitor custody;

  HealthController(
      DatabaseCheck database,
      RequestSnapshot snapshot,
      PartnerBoard board,
      RunMode runMode,
      CustodyMonitor custody) {
    this.database = database;
    this.snapshot = snapshot;
    this.board = board;
    this.runMode = runMode;
    this.custody = custody;
  }

  @Get("/health")
  CompletableFuture<HttpResponse<Map<String, Object>>> health() {
    return database.up().thenApply(this::answer);
  }

  private static Map<String, Object> custody(CustodyMonitor.Status status) {
    Map<String, Object> custody = new LinkedHashMap<>();
    custody.put("status", status.state().name());
    custody.put("treeSize", status.treeSize() < 0 ? null : status.treeSize());
    custody.put("checkedAt", status.checkedAt() == null ? null : status.checkedAt().toString());
    custody.put("problem", status.problem());
    return custody;
  }

  private HttpResponse<Map<String, Object>> answer(boolean databaseUp) {
    RequestSnapshot.Reading reading = snapshot.reading();
    Map<String, Object> partners = new LinkedHashMap<>();
    for (PartnerBoard.Partner state : board.of(reading).partners()) {
      Map<String, Object> partner = new LinkedHashMap<>();
      partner.put("circuit", state.circuit());
      partner.put("dispatching", state.dispatching());
      partner.put("paused", state.paused());
      partner.put("backlog", state.backlog());
      partners.put(state.platform().name().toLowerCase(), partner);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("readAt", reading.readAt() == null ? null : reading.readAt().toString());
    double age = reading.ageSeconds(snapshot.clock());
    figures.put("ageSeconds", Double.isNaN(age) ? null : Math.round(age * 1000) / 1000.0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", databaseUp ? "UP" : "DOWN");
    body.put("mode", runMode.mode().label());
    if (runMode.mode() == RunMode.Mode.LOCAL) {
      body.put("standIns", runMode.standIns());
    }
    body.put("database", Map.of("status", databaseUp ? "UP" : "DOWN"));
    body.put("partners", partners);
    body.put("snapshot", figures);
    body.put("custody", custody(custody.status()));
    return databaseUp
        ? HttpResponse.ok(body)
        : HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }
}
