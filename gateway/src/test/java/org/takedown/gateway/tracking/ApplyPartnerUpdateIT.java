package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/** Partner updates move requests forward only, once, whatever their order or repetition. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyPartnerUpdateIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Requests requests;

  @Override
  public Map<String, String> getProperties() {
    // polling stays off: the updates in these tests are the only ones
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
  }

  /** A TikTok request the sandbox accepted: id and the partner's reference. */
  private String[] submittedTikTokRequest() {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(Cases.TIKTOK_URL, "TAKEDOWN")));
    String id = (String) requests.submit(body).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    return new String[] {id, partnerRef};
  }

  private static PartnerUpdate update(String ref, PartnerState state, Outcome outcome) {
    return new PartnerUpdate(
        PartnerRef.of(ref), state, outcome, null, Instant.now(), "TikTok says " + state);
  }

  @Test
  void movesARequestForwardThroughReviewToCompletion() {
    String[] request = submittedTikTokRequest();

    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(
            Platform.TIKTOK,
            update(request[1], PartnerState.IN_REVIEW, null),
            HistorySource.PARTNER_CALLBACK));
    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(
            Platform.TIKTOK,
            update(request[1], PartnerState.COMPLETED, Outcome.RESTRICTED),
            HistorySource.PARTNER_POLL));

    Map<String, Object> completed = requests.get(request[0]);
    assertEquals("COMPLETED", completed.get("status"));
    assertEquals("RESTRICTED", completed.get("outcome"));
    List<Map<String, Object>> history = requests.history(request[0]);
    assertEquals("partner-callback", history.get(2).get("source"));
    assertEquals("IN_REVIEW", history.get(2).get("to"));
    assertEquals("partner-poll", history.get(3).get("source"));
    assertEquals("COMPLETED", history.get(3).get("to"));
  }

  @Test
  void neverMovesACompletedRequestBackwards() {
    String[] request = submittedTikTokRequest();
    apply.apply(
        Platform.TIKTOK,
        update(request[1], PartnerState.COMPLETED, Outcome.REMOVED),
        HistorySource.PARTNER_CALLBACK);

    assertEquals(
        ApplyPartnerUpdate.Result.IGNORED,
        apply.apply(
            Platform.TIKTOK,
            update(request[1], PartnerState.IN_REVIEW, null),
            HistorySource.PARTNER_CALLBACK));
    assertEquals(
        ApplyPartnerUpdate.Result.IGNORED,
        apply.apply(
            Platform.TIKTOK,
            update(request[1], PartnerState.COMPLETED, Outcome.REMOVED),
            HistorySource.PARTNER_CALLBACK));

    Map<String, Object> after = requests.get(request[0]);
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    List<Map<String, Object>> history = requests.history(request[0]);
    assertEquals(5, history.size(), history.toString());
    assertTrue(((String) history.get(3).get("detail")).startsWith("ignored: "));
    assertTrue(((String) history.get(4).get("detail")).startsWith("ignored: duplicate"));
    assertEquals("COMPLETED", history.get(4).get("from"));
    assertEquals("COMPLETED", history.get(4).get("to"));
  }

  @Test
  void ignoresAStaleReviewArrivingAfterACompletion() {
    String[] request = submittedTikTokRequest();
    apply.apply(
        Platform.TIKTOK,
        update(request[1], PartnerState.COMPLETED, Outcome.NOT_FOUND),
        HistorySource.PARTNER_POLL);
    apply.apply(
        Platform.TIKTOK,
        update(request[1], PartnerState.SUBMITTED, null),
        HistorySource.PARTNER_CALLBACK);

    assertEquals("NOT_FOUND", requests.get(request[0]).get("outcome"));
  }

  @Test
  void keepsAnUpdateAboutAnUnknownRequestAsAnOrphan() {
    assertEquals(
        ApplyPartnerUpdate.Result.ORPHAN,
        apply.apply(
            Platform.META,
            update("9999999999999999", PartnerState.COMPLETED, Outcome.REMOVED),
            HistorySource.PARTNER_CALLBACK));

    int orphans =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT count(*) FROM callback_orphan WHERE partner_ref = '9999999999999999'",
                    statement -> {
                      try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                      }
                    }));
    assertEquals(1, orphans);
  }

  @Test
  void appliesOneOfManyRacingCopiesOfTheSameUpdate() throws Exception {
    String[] request = submittedTikTokRequest();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ApplyPartnerUpdate.Result>> racers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        HistorySource source =
            i % 2 == 0 ? HistorySource.PARTNER_CALLBACK : HistorySource.PARTNER_POLL;
        racers.add(
            () ->
                apply.apply(
                    Platform.TIKTOK,
                    update(request[1], PartnerState.COMPLETED, Outcome.REMOVED),
                    source));
      }
      int applied = 0;
      for (Future<ApplyPartnerUpdate.Result> result : pool.invokeAll(racers)) {
        applied += result.get() == ApplyPartnerUpdate.Result.APPLIED ? 1 : 0;
      }
      assertEquals(1, applied, "a callback and a poll racing apply the change once");
      List<Map<String, Object>> history = requests.history(request[0]);
      assertEquals(2 + 16, history.size());
      // racers that waited for the row lock write later lines: their times must not go back
      for (int i = 1; i < history.size(); i++) {
        Instant before = Instant.parse((String) history.get(i - 1).get("at"));
        Instant at = Instant.parse((String) history.get(i).get("at"));
        assertFalse(at.isBefore(before), "line " + i + " at " + at + " before " + before);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void movesPreservedUntilWhenThePartnerReportsALaterOne() {
    String[] request = submittedTikTokRequest();
    Instant first = Instant.parse("2027-03-01T00:00:00Z");
    Instant extended = Instant.parse("2027-05-30T00:00:00Z");
    apply.apply(Platform.TIKTOK, preserved(request[1], first), HistorySource.PARTNER_CALLBACK);

    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(Platform.TIKTOK, preserved(request[1], extended), HistorySource.PARTNER_POLL),
        "an extension whose own answer was lost still reaches the gateway");
    assertEquals(
        ApplyPartnerUpdate.Result.IGNORED,
        apply.apply(Platform.TIKTOK, preserved(request[1], first), HistorySource.PARTNER_POLL),
        "an older date is stale");

    Map<String, Object> after = requests.get(request[0]);
    assertEquals("COMPLETED", after.get("status"));
    assertEquals(extended, Instant.parse((String) after.get("preservedUntil")));
    List<Map<String, Object>> history = requests.history(request[0]);
    assertTrue(
        ((String) history.get(3).get("detail")).startsWith("preservation extended by the partner"),
        history.toString());
  }

  private static PartnerUpdate preserved(String ref, Instant until) {
    return new PartnerUpdate(
        PartnerRef.of(ref),
        PartnerState.COMPLETED,
        Outcome.PRESERVED,
        until,
        Instant.now(),
        "TikTok says PRESERVED");
  }
}
