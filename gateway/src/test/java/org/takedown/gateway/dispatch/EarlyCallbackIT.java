package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.SubmitOutcome;

/**
 * A partner may report back before the gateway has recorded its answer to the create call: the
 * callback names a reference nothing carries yet. It is kept as an orphan and applied as soon as
 * the answer is recorded, rather than waiting for a poll. A Google push, a hint, is kept the same
 * way, and makes the request's poll due as soon as the answer is recorded.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarlyCallbackIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DispatchDueRequests dispatch;
  @Inject ApplyPartnerUpdate apply;
  @Inject List<PlatformAdapter> adapters;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    // no lanes and no polls: the test plays the dispatcher, and only the callback can finish it
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "gateway.polling.enabled", "false");
  }

  @Test
  void appliesACallbackThatArrivedBeforeTheCreateAnswerWasRecorded() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(Cases.INSTAGRAM_URL, "TAKEDOWN")));
    String id = (String) requests.submit(body).get(0).get("id");
    PlatformAdapter meta =
        adapters.stream().filter(a -> a.platform() == Platform.META).findFirst().orElseThrow();

    ClaimedRequest claim = dispatch.claim(Platform.META, 1, null).get(0);
    SubmitOutcome answer = meta.submit(claim.command());
    SubmitOutcome.Accepted accepted = assertInstanceOf(SubmitOutcome.Accepted.class, answer);
    PartnerUpdate completed =
        new PartnerUpdate(
            accepted.ref(),
            PartnerState.COMPLETED,
            Outcome.REMOVED,
            null,
            Instant.now(),
            "Meta status COMPLETED, outcome CONTENT_REMOVED");
    assertEquals(
        ApplyPartnerUpdate.Result.ORPHAN,
        apply.apply(Platform.META, completed, HistorySource.PARTNER_CALLBACK));

    assertEquals(
        DispatchDueRequests.Delivery.SUBMITTED, dispatch.record(claim, Platform.META, answer));

    Map<String, Object> request = requests.get(id);
    assertEquals("COMPLETED", request.get("status"));
    assertEquals("REMOVED", request.get("outcome"));
    List<Map<String, Object>> history = requests.history(id);
    assertEquals("SUBMITTED", history.get(1).get("to"));
    assertEquals("COMPLETED", history.get(2).get("to"));
    assertEquals("partner-callback", history.get(2).get("source"));
    Api.Answer adopted =
        new Api(server.getURL(), json)
            .get(
                "/api/v1/callback-orphans?adopted=true&platform=META",
                TestTokens.get().officer("officer-1"));
    assertEquals(1, adopted.list("items").size(), "officers see the orphan was claimed");
  }

  @Test
  void aGooglePushThatArrivedBeforeTheCreateAnswerWasRecordedMakesItsPollDueThen() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    PlatformAdapter google =
        adapters.stream().filter(a -> a.platform() == Platform.GOOGLE).findFirst().orElseThrow();
    ClaimedRequest claim = dispatch.claim(Platform.GOOGLE, 1, null).get(0);
    SubmitOutcome answer = google.submit(claim.command());
    SubmitOutcome.Accepted accepted = assertInstanceOf(SubmitOutcome.Accepted.class, answer);
    // a push is a hint: kept as an orphan with no state
    assertEquals(ApplyPartnerUpdate.Result.ORPHAN, apply.hint(Platform.GOOGLE, accepted.ref()));

    assertEquals(
        DispatchDueRequests.Delivery.SUBMITTED, dispatch.record(claim, Platform.GOOGLE, answer));

    Map<String, Object> request = requests.get(id);
    assertEquals("SUBMITTED", request.get("status"), "nothing the push said is applied");
    List<Map<String, Object>> history = requests.history(id);
    assertEquals(3, history.size(), history.toString());
    assertEquals("SUBMITTED", history.get(1).get("to"));
    assertEquals("partner-callback", history.get(2).get("source"));
    assertEquals(
        "push received: poll due now; only the poll's answer changes the request",
        history.get(2).get("detail"));
    Instant nextPoll = nextPollAt(id);
    assertTrue(!nextPoll.isAfter(Instant.now()), "due at once, not first-after later: " + nextPoll);
    Api.Answer adopted =
        new Api(server.getURL(), json)
            .get(
                "/api/v1/callback-orphans?adopted=true&platform=GOOGLE",
                TestTokens.get().officer("officer-1"));
    assertEquals(1, adopted.list("items").size(), "officers see the orphan was claimed");
  }

  private Instant nextPollAt(String id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT next_poll_at FROM takedown_request WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id));
                  try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next());
                    return PgTime.get(rows, "next_poll_at");
                  }
                }));
  }
}
