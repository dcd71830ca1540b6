package org.takedown.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.takedown.testing.MutableClock;

/** What an officer sees: filters, overdue requests and keyset pages over the real database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestQueriesIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject RequestReads reads;
  Api api;
  final String officer = TestTokens.get().officer("officer-1");
  final String submitter = TestTokens.get().submitter("e-blagh-triage");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "test.mutable-clock", "true");
  }

  @BeforeAll
  void createCases() {
    api = new Api(server.getURL(), json);
    // 4 requests: TIKTOK x2, META, GOOGLE; URGENT (due in 24 h), SEXTORTION
    submit(Cases.sample("EIB-Q-URGENT"));
    Map<String, Object> emergency = Cases.sample("EIB-Q-EMERGENCY");
    emergency.put("priority", "EMERGENCY");
    emergency.put("category", "THREATS");
    submit(emergency);
    clock.advance(Duration.ofSeconds(1));
    submit(Cases.spread("EIB-Q-SPREAD", 9));
  }

  private void submit(Map<String, Object> body) {
    Api.Answer answer = api.post("/api/v1/cases", submitter, api.toJson(body));
    assertEquals(201, answer.status(), answer.body());
  }

  private List<Map<String, Object>> items(String query) {
    Api.Answer answer = api.get("/api/v1/requests" + query, officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.list("items");
  }

  @Test
  void filtersByPlatformActionCategoryStatusAndCaseRef() {
    assertEquals(2 + 2 + 3, items("?platform=TIKTOK").size());
    assertEquals(2, items("?action=PRESERVATION").size());
    assertEquals(4, items("?category=THREATS").size());
    assertEquals(17, items("?status=PENDING").size());
    assertEquals(0, items("?status=SUBMITTED").size());
    List<Map<String, Object>> spread = items("?caseRef=EIB-Q-SPREAD&platform=META");
    assertEquals(3, spread.size());
    assertTrue(spread.stream().allMatch(r -> r.get("platform").equals("META")));
    assertEquals(0, items("?caseRef=EIB-Q").size(), "caseRef matches exactly");
  }

  @Test
  void listsOverdueRequestsOnceTheirDeadlinePassed() {
    assertEquals(0, items("?overdue=true").size());
    clock.advance(Duration.ofMinutes(61));
    List<Map<String, Object>> overdue = items("?overdue=true");
    assertEquals(4, overdue.size(), "only the EMERGENCY case is due within the hour");
    assertTrue(
        overdue.stream()
            .allMatch(r -> Instant.parse((String) r.get("dueAt")).isBefore(clock.instant())));
    assertEquals(13, items("?overdue=false").size());
    clock.advance(Duration.ofHours(24));
    assertEquals(17, items("?overdue=true").size());
  }

  @Test
  void theWorkQueueListsOpenRequestsEarliestDeadlineFirstWithTheirCase() {
    List<QueuedRequest> queue = reads.workQueue(100);

    assertEquals(17, queue.size(), "every open request");
    for (int i = 1; i < queue.size(); i++) {
      QueuedRequest before = queue.get(i - 1);
      QueuedRequest after = queue.get(i);
      assertTrue(
          !before.request().dueAt().isAfter(after.request().dueAt()),
          "by deadline: " + before + " then " + after);
    }
    // the emergency's requests are due in an hour, the others in a day
    assertTrue(
        queue.subList(0, 4).stream()
            .allMatch(
                q ->
                    q.caseRef().equals("EIB-Q-EMERGENCY")
                        && q.priority() == org.takedown.contracts.Priority.EMERGENCY
                        && q.category() == org.takedown.contracts.Category.THREATS),
        queue.toString());
    assertEquals("EIB-Q-SPREAD", queue.get(16).caseRef());
    assertEquals(
        queue.subList(0, 5).stream().map(q -> q.request().id()).toList(),
        reads.workQueue(5).stream().map(q -> q.request().id()).toList(),
        "a shorter queue is the start of the longer one");
  }

  @Test
  void pagesNewestFirstWithoutGapsOrRepeats() {
    List<Map<String, Object>> all = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Answer page =
          api.get(
              "/api/v1/requests?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), officer);
      assertEquals(200, page.status(), page.body());
      List<Map<String, Object>> items = page.list("items");
      assertTrue(items.size() <= 5);
      for (Map<String, Object> item : items) {
        assertTrue(seen.add(item.get("id")), "repeated " + item.get("id"));
      }
      all.addAll(items);
      cursor = (String) page.json().get("nextCursor");
      pages++;
    } while (cursor != null);

    assertEquals(17, all.size());
    assertEquals(4, pages);
    for (int i = 1; i < all.size(); i++) {
      Instant previous = Instant.parse((String) all.get(i - 1).get("createdAt"));
      Instant current = Instant.parse((String) all.get(i).get("createdAt"));
      assertTrue(!current.isAfter(previous), "newest first");
    }
    assertEquals("EIB-Q-SPREAD", caseRefOf(all.get(0)));
  }

  private String caseRefOf(Map<String, Object> request) {
    return (String)
        api.get("/api/v1/cases/" + request.get("caseId"), officer).json().get("externalRef");
  }

  @Test
  void endsWithANullCursor() {
    Api.Answer page = api.get("/api/v1/requests?limit=200", officer);
    assertEquals(17, page.list("items").size());
    assertTrue(page.json().containsKey("nextCursor"));
    assertNull(page.json().get("nextCursor"));
  }

  @Test
  void namesEveryBadQueryParameter() {
    Api.Answer answer =
        api.withInvalidRequest()
            .get(
                "/api/v1/requests?status=DONE&platform=X&action=DELETE&category=SPAM&overdue=maybe&limit=0&cursor=%21%21",
                officer);

    assertEquals(422, answer.status(), answer.body());
    Set<String> fields =
        answer.list("errors").stream()
            .map(e -> (String) e.get("field"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of("status", "platform", "action", "category", "overdue", "limit", "cursor"), fields);
    assertEquals(422, api.withInvalidRequest().get("/api/v1/requests?limit=201", officer).status());
  }

  @Test
  void answersAMalformedIdWithAProblem() {
    Api.Answer answer = api.withInvalidRequest().get("/api/v1/requests/not-a-uuid", officer);
    assertEquals(400, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals(
        404, api.get("/api/v1/requests/00000000-0000-0000-0000-000000000000", officer).status());
  }
}
