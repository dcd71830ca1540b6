package org.takedown.gateway.operations;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.dispatch.PartnerLanes;
import org.takedown.gateway.startup.RunMode;
import org.takedown.platform.Platform;

/**
 * {@code GET /health}: 200 while the database answers, 503 when it does not. Per partner: this
 * instance's circuit breaker state, whether it dispatches to the partner, whether the partner is
 * paused for refusing the gateway's credentials, and its backlog of PENDING requests. A partner's
 * trouble never makes the gateway unhealthy. It also says the run mode, and in local mode what
 * stands in for which service, so that a local run is never mistaken for production.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class HealthController {

  private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final PartnerLanes lanes;
  private final RunMode runMode;

  /** The backlog last read, shown while the database cannot be asked. */
  private volatile Map<Platform, Long> lastBacklog = Map.of();

  HealthController(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      PartnerLanes lanes,
      RunMode runMode) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.lanes = lanes;
    this.runMode = runMode;
  }

  @Get("/health")
  HttpResponse<Map<String, Object>> health() {
    Map<Platform, Long> backlog;
    boolean databaseUp;
    try {
      backlog = transactions.executeRead(status -> backlog());
      lastBacklog = backlog;
      databaseUp = true;
    } catch (RuntimeException e) {
      LOG.warn("health: database unreachable: {}", e.getClass().getSimpleName());
      // partners are still described: an operator needs them most during an incident
      backlog = lastBacklog;
      databaseUp = false;
    }
    Map<String, Object> partners = new LinkedHashMap<>();
    for (Platform platform : Platform.values()) {
      Map<String, Object> partner = new LinkedHashMap<>();
      partner.put("circuit", lanes.circuit(platform).map(Enum::name).orElse("CLOSED"));
      partner.put("dispatching", lanes.dispatches(platform));
      partner.put("paused", lanes.isPaused(platform));
      partner.put("backlog", backlog.getOrDefault(platform, 0L));
      partners.put(platform.name().toLowerCase(), partner);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", databaseUp ? "UP" : "DOWN");
    body.put("mode", runMode.mode().label());
    if (runMode.mode() == RunMode.Mode.LOCAL) {
      body.put("standIns", runMode.standIns());
    }
    body.put("database", Map.of("status", databaseUp ? "UP" : "DOWN"));
    body.put("partners", partners);
    return databaseUp
        ? HttpResponse.ok(body)
        : HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }

  private Map<Platform, Long> backlog() {
    return jdbc.prepareStatement(
        "SELECT platform, count(*) AS pending FROM takedown_request"
            + " WHERE status = 'PENDING' GROUP BY platform",
        statement -> {
          Map<Platform, Long> counts = new EnumMap<>(Platform.class);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              counts.put(Platform.valueOf(rows.getString("platform")), rows.getLong("pending"));
            }
          }
          return counts;
        });
  }
}
