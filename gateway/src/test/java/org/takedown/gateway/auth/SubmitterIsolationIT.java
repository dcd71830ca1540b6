package org.takedown.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * A submitter sees its own cases, their requests and their events, and nothing of anyone else's,
 * through every read: the case, the request, the event feed, and the answer to a replayed
 * submission. Officers and admins see everyone's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmitterIsolationIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final TestTokens tokens = TestTokens.get();
  final String triage = tokens.submitter("triage");
  final String brigade = tokens.submitter("brigade");
  final String admin = tokens.admin("root");
  final String officer = tokens.officer("officer-1");

  /** Each owner's case, and the ids of its requests. */
  final Map<String, Owned> cases = new HashMap<>();

  record Owned(String caseId, Set<String> requestIds) {}

  @Override
  public Map<String, String> getProperties() {
    // nothing is sent: every event is one this test makes
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void everyoneSubmitsACase() {
    api = new Api(server.getURL(), json);
    for (String owner : List.of(triage, brigade, admin)) {
      Api.Answer created = api.post("/api/v1/cases", owner, api.toJson(Cases.sample()));
      assertEquals(201, created.status(), created.body());
      cases.put(
          owner,
          new Owned(
              (String) created.json().get("id"),
              created.list("requests").stream()
                  .map(r -> (String) r.get("id"))
                  .collect(Collectors.toSet())));
    }
    // a change made by an officer: a status_changed event of triage's
    String cancelled = cases.get(triage).requestIds().iterator().next();
    Api.Answer cancel = api.post("/api/v1/requests/" + cancelled + "/cancel", officer, "");
    assertEquals(200, cancel.status(), cancel.body());
  }

  @Test
  void aSubmitterReadsNoCaseOrRequestOfAnotherSubmitterOrOfAnAdmin() {
    for (String reader : List.of(triage, brigade)) {
      for (Map.Entry<String, Owned> owned : cases.entrySet()) {
        int expected = owned.getKey().equals(reader) ? 200 : 404;
        Api.Answer read = api.get("/api/v1/cases/" + owned.getValue().caseId(), reader);
        assertEquals(expected, read.status(), read.body());
        for (String request : owned.getValue().requestIds()) {
          Api.Answer one = api.get("/api/v1/requests/" + request, reader);
          assertEquals(expected, one.status(), one.body());
        }
      }
    }
  }

  @Test
  void aSubmittersFeedHoldsEveryEventOfItsOwnRequestsAndNoneOfAnyoneElses() {
    for (String reader : List.of(triage, brigade)) {
      List<Map<String, Object>> feed = wholeFeed(reader);
      Set<String> own = cases.get(reader).requestIds();

      Set<Object> seen = feed.stream().map(e -> e.get("requestId")).collect(Collectors.toSet());
      assertEquals(own, seen, "the feed holds all its requests and only those");
      assertTrue(
          feed.stream().allMatch(e -> cases.get(reader).caseId().equals(e.get("caseId"))),
          feed.toString());
    }
    assertTrue(
        wholeFeed(triage).stream().anyMatch(e -> "CANCELLED".equals(e.get("status"))),
        "the officer's change of triage's request is in triage's feed");
    assertTrue(
        wholeFeed(brigade).stream().noneMatch(e -> "CANCELLED".equals(e.get("status"))),
        "and in no one else's");
  }

  @Test
  void officersAndAdminsSeeEveryonesCasesRequestsAndEvents() {
    Set<String> everyRequest = new HashSet<>();
    cases.values().forEach(owned -> everyRequest.addAll(owned.requestIds()));
    for (String reader : List.of(officer, admin)) {
      for (Owned owned : cases.values()) {
        assertEquals(200, api.get("/api/v1/cases/" + owned.caseId(), reader).status());
        for (String request : owned.requestIds()) {
          assertEquals(200, api.get("/api/v1/requests/" + request, reader).status());
        }
      }
      Set<Object> seen =
          wholeFeed(reader).stream().map(e -> e.get("requestId")).collect(Collectors.toSet());
      // other tests of this class may have added cases since
      assertTrue(seen.containsAll(everyRequest), seen.toString());
    }
  }

  @Test
  void aReplayedSubmissionAnswersWithTheCallersOwnCaseOnly() {
    // submitters of their own, so that the other tests' feeds stay as they were
    String triage = tokens.submitter("triage-replays");
    String brigade = tokens.submitter("brigade-replays");
    String body = api.toJson(Cases.sample());
    Api.Answer first = api.post("/api/v1/cases", triage, body, "Idempotency-Key", "shared-key");
    assertEquals(201, first.status(), first.body());

    // the same key and body from another submitter is its own submission, not triage's case
    Api.Answer other = api.post("/api/v1/cases", brigade, body, "Idempotency-Key", "shared-key");
    assertEquals(201, other.status(), other.body());
    assertNotEquals(first.json().get("id"), other.json().get("id"));
    Api.Answer otherReplay =
        api.post("/api/v1/cases", brigade, body, "Idempotency-Key", "shared-key");
    assertEquals(other.json().get("id"), otherReplay.json().get("id"), otherReplay.body());

    Api.Answer replay = api.post("/api/v1/cases", triage, body, "Idempotency-Key", "shared-key");
    assertEquals(201, replay.status(), replay.body());
    assertEquals(first.json().get("id"), replay.json().get("id"));
  }

  /** Every page of {@code token}'s event feed, from the beginning to the end. */
  private List<Map<String, Object>> wholeFeed(String token) {
    List<Map<String, Object>> events = new ArrayList<>();
    String cursor = null;
    while (true) {
      Api.Answer page =
          api.get("/api/v1/events?limit=3" + (cursor == null ? "" : "&after=" + cursor), token);
      assertEquals(200, page.status(), page.body());
      if (page.list("items").isEmpty()) {
        return events;
      }
      events.addAll(page.list("items"));
      cursor = (String) page.json().get("nextCursor");
    }
  }
}
