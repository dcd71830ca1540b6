package org.takedown.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/** The submitters' feed: every creation and change, in order, none skipped, none repeated. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFeedIT implements TestPropertyProvider {

  private static final int WRITERS = 8;
  private static final int CASES_PER_WRITER = 12;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties();
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  @Test
  void tailsEveryEventOnceWhileManyTransactionsCommit() throws Exception {
    String submitter = TestTokens.get().submitter("feed-writer");
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writing = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writing.add(
          writers.submit(
              () -> {
                for (int c = 0; c < CASES_PER_WRITER; c++) {
                  Api.Answer created =
                      api.post(
                          "/api/v1/cases",
                          submitter,
                          api.toJson(Cases.spread("EIB-FEED-" + writer + "-" + c, 3)));
                  assertEquals(201, created.status(), created.body());
                }
                return null;
              }));
    }
    // the dispatcher writes SUBMITTED changes concurrently with the writers' creations
    List<Map<String, Object>> seen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String cursor = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int expected = WRITERS * CASES_PER_WRITER * 3 * 2;
    while (seen.size() < expected && System.nanoTime() < deadline) {
      Api.Answer page =
          api.get(
              "/api/v1/events?limit=37" + (cursor == null ? "" : "&after=" + cursor), submitter);
      assertEquals(200, page.status(), page.body());
      for (Map<String, Object> event : page.list("items")) {
        assertTrue(
            ids.add((String) event.get("id")),
            "repeated event " + event.get("id") + " after cursor " + cursor + " in " + page.body());
        seen.add(event);
      }
      String next = (String) page.json().get("nextCursor");
      assertTrue(next != null, "nextCursor is never null");
      cursor = next;
    }
    for (Future<?> w : writing) {
      w.get();
    }
    writers.shutdown();

    assertEquals(expected, seen.size(), "every creation and every SUBMITTED change");
    assertEquals(allEventIds(), ids, "the feed holds exactly the events in the database");
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          compare((String) seen.get(i - 1).get("id"), (String) seen.get(i).get("id")) < 0,
          "events come in feed order");
    }
    Map<String, Object> first = seen.get(0);
    assertEquals("request.created", first.get("type"));
    assertEquals("PENDING", first.get("status"));
    assertTrue(
        seen.stream()
            .anyMatch(
                e ->
                    "request.status_changed".equals(e.get("type"))
                        && "SUBMITTED".equals(e.get("status"))));

    Api.Answer tail = api.get("/api/v1/events?after=" + cursor, submitter);
    assertEquals(List.of(), tail.list("items"));
    assertEquals(cursor, tail.json().get("nextCursor"), "an empty page returns the given cursor");
  }

  @Test
  void showsASubmitterOnlyItsOwnRequests() {
    String other = TestTokens.get().submitter("another-service");
    Api.Answer created = api.post("/api/v1/cases", other, api.toJson(Cases.sample()));
    assertEquals(201, created.status());
    Set<Object> own =
        created.list("requests").stream()
            .map(r -> r.get("id"))
            .collect(java.util.stream.Collectors.toSet());

    Api.Answer page = api.get("/api/v1/events?limit=200", other);

    assertTrue(page.list("items").size() >= own.size());
    assertTrue(page.list("items").stream().allMatch(e -> own.contains(e.get("requestId"))));
  }

  @Test
  void refusesABadCursorOrLimit() {
    String submitter = TestTokens.get().submitter("feed-writer");
    Api.Answer answer =
        api.withInvalidRequest().get("/api/v1/events?after=yesterday&limit=0", submitter);
    assertEquals(422, answer.status());
    assertEquals(2, answer.list("errors").size());
  }

  private Set<String> allEventIds() {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT txid::text || '-' || id AS id FROM request_event WHERE submitter = 'feed-writer'",
                statement -> {
                  Set<String> ids = new HashSet<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      ids.add(rows.getString("id"));
                    }
                  }
                  return ids;
                }));
  }

  private static int compare(String a, String b) {
    String[] x = a.split("-");
    String[] y = b.split("-");
    int byTx = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    return byTx != 0 ? byTx : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
  }
}
