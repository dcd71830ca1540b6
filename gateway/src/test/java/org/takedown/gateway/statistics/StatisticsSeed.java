package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.request.HistoryLine;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.gateway.tracking.PreservationWatch;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * Writes a history at chosen times through the gateway's own code paths, the injected clock set to
 * each moment: cases through the API (intake sets {@code createdAt} and {@code dueAt}), partner
 * updates through {@link ApplyPartnerUpdate}, officers' cancellations and retries through {@link
 * OfficerActions}, lapsed preservations through {@link PreservationWatch}. The one step written
 * here is the dispatcher's record of a partner's acceptance (dispatch is off, so that nothing moves
 * on its own): the same update and history line as {@code dispatch.RequestQueue.markSubmitted}.
 * Public for the console's statistics pages, which seed the same way. A bean of the gateway under
 * test when its clock is the test's ({@code test.mutable-clock}): a test injects it.
 */
@Prototype
@Requires(property = "test.mutable-clock", value = "true")
public final class StatisticsSeed {

  private final EmbeddedServer server;
  private final JsonMapper json;
  private Api api;
  private final MutableClock clock;
  private final ApplyPartnerUpdate apply;
  private final OfficerActions actions;
  private final PreservationWatch watch;
  private final RequestHistory history;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  StatisticsSeed(
      EmbeddedServer server,
      JsonMapper json,
      MutableClock clock,
      ApplyPartnerUpdate apply,
      OfficerActions actions,
      PreservationWatch watch,
      RequestHistory history,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions) {
    this.server = server;
    this.json = json;
    this.clock = clock;
    this.apply = apply;
    this.actions = actions;
    this.watch = watch;
    this.history = history;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * The configuration of a gateway whose statistics a test seeds: nothing moves on its own
   * (dispatch, polling, the preservation watch, the statistics refresher after its first round),
   * and its clock is the test's; {@code overrides} are key, value pairs.
   */
  public static Map<String, String> gatewayProperties(String... overrides) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "gateway.dispatch.enabled", "false",
                "gateway.polling.enabled", "false",
                "gateway.preservation.check-interval", "1000d",
                "gateway.statistics.refresh-interval", "1000d",
                "test.mutable-clock", "true"));
    properties.addAll(List.of(overrides));
    return TestGateway.properties(properties.toArray(String[]::new));
  }

  /** The API of the gateway under test, once its server has started. */
  private Api api() {
    if (api == null) {
      api = new Api(server.getURL(), json);
    }
    return api;
  }

  /** Requests created together: one platform, category, priority and action. */
  public record Cohort(Platform platform, Instant createdAt, List<UUID> ids) {

    public List<UUID> range(int from, int to) {
      return ids.subList(from, to);
    }
  }

  public void at(Instant instant) {
    clock.advance(Duration.between(clock.instant(), instant));
  }

  /** {@code count} requests created at {@code createdAt}, in cases of at most 100 items. */
  public Cohort create(
      Platform platform,
      String category,
      String priority,
      String action,
      Instant createdAt,
      int count) {
    at(createdAt);
    List<UUID> ids = new ArrayList<>();
    for (int done = 0; done < count; done += 100) {
      Map<String, Object> body = Cases.sample();
      body.put("category", category);
      body.put("priority", priority);
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = done; i < Math.min(count, done + 100); i++) {
        items.add(Cases.item(Cases.freshUrl(platform), action));
      }
      body.put("items", items);
      Api.Answer created =
          api().post("/api/v1/cases", TestTokens.get().submitter("triage"), api().toJson(body));
      assertEquals(201, created.status(), created.body());
      for (Map<String, Object> request : created.list("requests")) {
        ids.add(UUID.fromString((String) request.get("id")));
      }
    }
    return new Cohort(platform, createdAt, List.copyOf(ids));
  }

  /** The partner accepted each request, as the dispatcher records it. */
  public void submitted(Batch ids) {
    Instant now = PgTime.micros(clock.instant());
    transactions.executeWrite(
        status -> {
          for (UUID id : ids.ids()) {
            int changed =
                jdbc.prepareStatement(
                    "UPDATE takedown_request SET status = 'SUBMITTED', partner_ref = ?,"
                        + " attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL,"
                        + " updated_at = ? WHERE id = ? AND status = 'PENDING'",
                    statement -> {
                      statement.setString(1, ref(id));
                      PgTime.set(statement, 2, now);
                      statement.setObject(3, id);
                      return statement.executeUpdate();
                    });
            assertEquals(1, changed, "request " + id + " was PENDING");
            history.append(
                new HistoryLine(
                    id,
                    now,
                    RequestState.PENDING,
                    RequestState.SUBMITTED,
                    HistorySource.GATEWAY,
                    null,
                    "accepted by the partner"));
          }
          return null;
        });
  }

  /** Which requests of which partner a step moves. */
  public record Batch(Platform platform, List<UUID> ids) {}

  public static Batch of(Cohort cohort, int from, int to) {
    return new Batch(cohort.platform(), cohort.range(from, to));
  }

  public static Batch all(Cohort cohort) {
    return new Batch(cohort.platform(), cohort.ids());
  }

  /** The partner's word about each request, by callback. */
  public void partner(Batch requests, PartnerState state, Outcome outcome, Instant preservedUntil) {
    for (UUID id : requests.ids()) {
      ApplyPartnerUpdate.Result result =
          apply.apply(
              requests.platform(),
              new PartnerUpdate(
                  PartnerRef.of(ref(id)),
                  state,
                  outcome,
                  preservedUntil,
                  clock.instant(),
                  "partner says " + state),
              HistorySource.PARTNER_CALLBACK);
      assertEquals(ApplyPartnerUpdate.Result.APPLIED, result, "update of " + id);
    }
  }

  public void cancel(Batch requests) {
    requests.ids().forEach(id -> actions.cancel(id, "officer-1", null));
  }

  public void retry(Batch requests) {
    requests.ids().forEach(id -> actions.retry(id, "officer-1", null));
  }

  /** The preservation watch's pass at the clock's time; how many preservations lapsed. */
  public int lapse() {
    return watch.checkOnce();
  }

  private static String ref(UUID id) {
    return "ref-" + id;
  }
}
