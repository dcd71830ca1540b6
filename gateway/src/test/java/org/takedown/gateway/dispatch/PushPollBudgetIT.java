package org.takedown.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.callback.SandboxCallbackTarget;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.GoogleSimulator;

/**
 * The poll a Google push asks for goes through Google's budget like any other: while Google's
 * breaker is open, or Google is paused for refusing the gateway's credentials, the push is
 * acknowledged and its request waits, due, without a call to Google; the poll is made as soon as
 * the budget allows it. The sandbox's own pushes, with its own tokens, are delivered to this
 * gateway; it counts the status reads it receives.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushPollBudgetIT implements TestPropertyProvider {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final GoogleSimulator GOOGLE = TestGateway.sandbox().google();

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject PartnerLanes lanes;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Requests requests;
  SandboxCallbackTarget callbacks;

  @Override
  public Map<String, String> getProperties() {
    // nothing is polled on its own for an hour: only a push gets a request polled here; a poll the
    // budget refuses is due again after the idle interval. Only an administrator ends a pause.
    return TestGateway.properties(
        "gateway.polling.first-after", "1h",
        "gateway.polling.max-interval", "1h",
        "gateway.polling.idle-interval", "100ms",
        "gateway.dispatch.unauthorized-pause", "1h");
  }

  @BeforeAll
  void pointGooglesPushesHere() {
    requests = new Requests(new Api(server.getURL(), json));
    callbacks = SandboxCallbackTarget.pointAt(server.getURI());
  }

  @AfterAll
  void giveTheSandboxBack() {
    callbacks.restore();
    GOOGLE.reset();
  }

  @AfterEach
  void letGoogleBeCalled() {
    breaker().transitionToClosedState();
    lanes.resume(Platform.GOOGLE);
  }

  @Test
  void aPushWhileGooglesBreakerIsOpenIsPolledOnlyOnceTheBreakerLetsCallsThrough() {
    String id = submittedToGoogle();
    breaker().transitionToOpenState();

    GOOGLE.review(id);

    awaitRefusedPoll(id);
    assertEquals(0, polls(id), "no call to Google while its breaker is open");
    assertEquals("SUBMITTED", requests.get(id).get("status"));
    // what the end of breaker.open-wait does
    breaker().transitionToHalfOpenState();
    requests.awaitStatus(id, "IN_REVIEW");
    assertEquals(1, polls(id));
  }

  @Test
  void aPushWhileGoogleIsPausedIsPolledOnlyOnceAnAdministratorResumesIt() {
    String id = submittedToGoogle();
    GOOGLE.failNextCreates(
        1,
        403,
        GoogleSimulator.errorBody(403, "PERMISSION_DENIED", "The caller does not have permission"));
    requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN"));
    await().atMost(PATIENCE).until(() -> lanes.isPaused(Platform.GOOGLE));

    GOOGLE.review(id);

    awaitRefusedPoll(id);
    assertEquals(0, polls(id), "no call to Google while it is paused");
    assertEquals("SUBMITTED", requests.get(id).get("status"));
    // what POST /api/v1/admin/partners/google/resume does
    assertTrue(lanes.resume(Platform.GOOGLE));
    requests.awaitStatus(id, "IN_REVIEW");
    assertEquals(1, polls(id));
  }

  private CircuitBreaker breaker() {
    return lanes.budgets().get(Platform.GOOGLE).breaker();
  }

  private String submittedToGoogle() {
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    return id;
  }

  /**
   * Waits until the push was acknowledged, made the request due, and Google's polling lane took it
   * and put it back for later because the budget refused the call: its next poll is after the
   * push's.
   */
  private void awaitRefusedPoll(String id) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              Instant[] columns = pollColumns(id);
              return columns[1] != null
                  && columns[0].isAfter(columns[1])
                  && GOOGLE.callbacks().stream()
                      .anyMatch(
                          d -> id.equals(d.reference()) && d.delivered() && d.statusCode() == 200);
            });
  }

  /** {@code next_poll_at} and {@code poll_hinted_at}. */
  private Instant[] pollColumns(String id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT next_poll_at, poll_hinted_at FROM takedown_request WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id));
                  try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next());
                    return new Instant[] {
                      PgTime.get(rows, "next_poll_at"), PgTime.get(rows, "poll_hinted_at")
                    };
                  }
                }));
  }

  private int polls(String id) {
    String operation =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT partner_operation FROM takedown_request WHERE id = ?",
                    statement -> {
                      statement.setObject(1, UUID.fromString(id));
                      try (ResultSet rows = statement.executeQuery()) {
                        assertTrue(rows.next());
                        return rows.getString(1);
                      }
                    }));
    return GOOGLE
        .wireMock()
        .countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/" + operation)).build())
        .getCount();
  }
}
