package org.takedown.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.contracts.Action;
import org.takedown.contracts.CaseSubmission;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.Problem;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/** {@code POST /api/v1/cases} over real HTTP and the real database, as GATEWAY-API.md states it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseIntakeIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final String submitter = TestTokens.get().submitter("e-blagh-triage");

  @Override
  public Map<String, String> getProperties() {
    // nothing is sent: these tests look at intake alone
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  private Api.Answer submit(Object body, String... headers) {
    return api.post("/api/v1/cases", submitter, api.toJson(body), headers);
  }

  /** A submission that breaks the OpenAPI document on purpose. */
  private Api.Answer submitInvalid(Object body, String... headers) {
    return api.withInvalidRequest().post("/api/v1/cases", submitter, api.toJson(body), headers);
  }

  @Test
  void createsOneRequestPerItemAndActionWithCanonicalUrlContentIdAndDeadline() {
    Instant before = Instant.now();
    Api.Answer answer = submit(Cases.sample("EIB-2024-000123"));

    assertEquals(201, answer.status(), answer.body());
    Map<String, Object> created = answer.json();
    assertEquals("/api/v1/cases/" + created.get("id"), answer.header("Location"));
    assertEquals("EIB-2024-000123", created.get("externalRef"));
    assertEquals("OPEN", created.get("status"));
    List<Map<String, Object>> requests = answer.list("requests");
    assertEquals(4, requests.size());

    Map<String, Object> tiktokTakedown = requests.get(0);
    assertEquals("TIKTOK", tiktokTakedown.get("platform"));
    assertEquals("TAKEDOWN", tiktokTakedown.get("action"));
    assertEquals(Cases.TIKTOK_URL, tiktokTakedown.get("url"));
    assertEquals(
        "https://tiktok.com/@scam.invest.ma/video/7312345678901234567",
        tiktokTakedown.get("canonicalUrl"));
    assertEquals("7312345678901234567", tiktokTakedown.get("contentId"));
    assertEquals("PENDING", tiktokTakedown.get("status"));
    assertEquals(0, tiktokTakedown.get("attempts"));
    assertTrue(tiktokTakedown.containsKey("partnerRef"), "absent values are sent as null");
    assertNull(tiktokTakedown.get("partnerRef"));
    assertEquals("PRESERVATION", requests.get(1).get("action"));

    assertEquals("META", requests.get(2).get("platform"));
    assertEquals("https://instagram.com/reel/C8xYz12AbCd", requests.get(2).get("canonicalUrl"));
    assertEquals("C8xYz12AbCd", requests.get(2).get("contentId"));
    assertEquals("GOOGLE", requests.get(3).get("platform"));
    assertEquals("https://youtu.be/dQw4w9WgXcQ", requests.get(3).get("canonicalUrl"));
    assertEquals("dQw4w9WgXcQ", requests.get(3).get("contentId"));

    Instant dueAt = Instant.parse((String) tiktokTakedown.get("dueAt"));
    Instant createdAt = Instant.parse((String) created.get("createdAt"));
    assertEquals(Duration.ofHours(24), Duration.between(createdAt, dueAt), "URGENT is due in 24 h");
    assertFalse(createdAt.isBefore(before.minusSeconds(1)));

    Api.Answer read = api.get("/api/v1/cases/" + created.get("id"), submitter);
    assertEquals(200, read.status());
    assertEquals(created, read.json());
  }

  @Test
  void acceptsACaseWrittenWithTheContractsRecord() {
    CaseSubmission submission =
        Cases.submission("EIB-RECORD-1", Platform.GOOGLE, Action.TAKEDOWN, Action.PRESERVATION);

    Api.Answer answer = submit(submission);

    assertEquals(201, answer.status(), answer.body());
    CaseView created = answer.as(CaseView.class);
    assertEquals("EIB-RECORD-1", created.externalRef());
    assertEquals(
        List.of(Action.TAKEDOWN, Action.PRESERVATION),
        created.requests().stream().map(RequestView::action).toList());
  }

  @Test
  void terrorismAndEmergencyAreDueWithinOneHour() {
    Map<String, Object> terrorism = Cases.sample();
    terrorism.put("category", "TERRORISM");
    terrorism.put("priority", "ROUTINE");
    Map<String, Object> emergency = Cases.sample();
    emergency.put("priority", "EMERGENCY");
    Map<String, Object> routine = Cases.sample();
    routine.put("priority", "ROUTINE");

    assertEquals(Duration.ofHours(1), deadlineOf(submit(terrorism)));
    assertEquals(Duration.ofHours(1), deadlineOf(submit(emergency)));
    assertEquals(Duration.ofHours(72), deadlineOf(submit(routine)));
  }

  private static Duration deadlineOf(Api.Answer answer) {
    assertEquals(201, answer.status(), answer.body());
    Instant createdAt = Instant.parse((String) answer.json().get("createdAt"));
    Instant dueAt = Instant.parse((String) answer.list("requests").get(0).get("dueAt"));
    return Duration.between(createdAt, dueAt);
  }

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalRef", "x".repeat(129));
    body.put("category", "SPAM");
    body.put("priority", 3);
    body.put("legalBasis", Map.of("article", "art. 1"));
    body.put("requestedBy", Map.of("email", "not-an-email", "name", "n".repeat(257)));
    body.put("nonDisclosure", "yes");
    Map<String, Object> badItem = new LinkedHashMap<>();
    badItem.put("url", "ftp://files.example.org/x");
    badItem.put("actions", List.of("TAKEDOWN", "TAKEDOWN", "DELETE"));
    badItem.put("evidenceSha256", "abc");
    badItem.put("observedAt", "yesterday");
    badItem.put("note", "n".repeat(2001));
    Map<String, Object> unknownHost = Cases.item("https://www.example.org/post/1", "TAKEDOWN");
    Map<String, Object> noActions = Cases.item(Cases.YOUTUBE_URL);
    body.put(
        "items",
        List.of(Cases.item(Cases.TIKTOK_URL, "TAKEDOWN"), badItem, unknownHost, noActions));

    Api.Answer answer = submitInvalid(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    Map<String, Object> problem = answer.json();
    assertEquals("urn:takedown-gateway:problem:validation", problem.get("type"));
    assertEquals("Invalid request", problem.get("title"));
    assertEquals(422, problem.get("status"));
    Set<String> fields =
        answer.list("errors").stream()
            .map(e -> (String) e.get("field"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "externalRef",
            "category",
            "priority",
            "legalBasis.law",
            "legalBasis.authorizationRef",
            "requestedBy.email",
            "requestedBy.name",
            "nonDisclosure",
            "items[1].url",
            "items[1].actions",
            "items[1].actions[2]",
            "items[1].evidenceSha256",
            "items[1].observedAt",
            "items[1].note",
            "items[2].url",
            "items[3].actions"),
        fields);
    String hostMessage =
        answer.list("errors").stream()
            .filter(e -> e.get("field").equals("items[2].url"))
            .map(e -> (String) e.get("message"))
            .findFirst()
            .orElseThrow();
    assertTrue(hostMessage.contains("www.example.org"), hostMessage);
    assertNoCaseStored();
  }

  @Test
  void requiresEveryMandatoryField() {
    Api.Answer answer = submitInvalid(Map.of("items", List.of(Map.of())));

    assertEquals(422, answer.status());
    Set<String> fields =
        answer.list("errors").stream()
            .map(e -> (String) e.get("field"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "externalRef",
            "category",
            "priority",
            "legalBasis",
            "requestedBy",
            "items[0].url",
            "items[0].actions",
            "items[0].evidenceSha256"),
        fields);
  }

  @Test
  void boundsTheNumberOfItems() {
    Map<String, Object> none = Cases.sample();
    none.put("items", List.of());
    Map<String, Object> tooMany = Cases.sample();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      items.add(Cases.item(Cases.YOUTUBE_URL, "TAKEDOWN"));
    }
    tooMany.put("items", items);

    for (Map<String, Object> body : List.of(none, tooMany)) {
      Api.Answer answer = submitInvalid(body);
      assertEquals(422, answer.status());
      assertEquals("items", answer.list("errors").get(0).get("field"));
    }
  }

  @Test
  void acceptsAHundredItemsAndIgnoresUnknownFields() {
    Map<String, Object> body = Cases.spread("EIB-BULK-100", 100);
    body.put("triageScore", 0.93);
    body.put(
        "legalBasis", Map.of("law", "Loi 103-13", "authorizationRef", "PR-1", "court", "Rabat"));

    Api.Answer answer = submitInvalid(body);

    assertEquals(201, answer.status(), answer.body());
    assertEquals(100, answer.list("requests").size());
    assertTrue(answer.json().get("requests") != null);
  }

  @Test
  void defaultsNonDisclosureToTrueAndAcceptsAMissingArticle() {
    Map<String, Object> body = Cases.sample();
    body.remove("nonDisclosure");
    body.put("legalBasis", Map.of("law", "Loi 103-13", "authorizationRef", "PR-2"));
    assertEquals(201, submit(body).status());
  }

  @Test
  void refusesJsonThatDoesNotParse() {
    Api.Answer answer =
        api.withInvalidRequest().post("/api/v1/cases", submitter, "{\"externalRef\": ");

    assertEquals(400, answer.status());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    Problem problem = answer.problem();
    assertEquals(URI.create("urn:takedown-gateway:problem:malformed-json"), problem.type());
    assertEquals(400, problem.status());
    assertNull(problem.errors());
  }

  @Test
  void refusesABodyThatIsNotAnObject() {
    Api.Answer answer = api.withInvalidRequest().post("/api/v1/cases", submitter, "[1, 2]");

    assertEquals(422, answer.status());
    assertEquals("$", answer.list("errors").get(0).get("field"));
  }

  @Test
  void refusesABodyOverOneMebibyte() {
    Map<String, Object> body = Cases.sample();
    body.put("padding", "p".repeat(1024 * 1024));

    Api.Answer answer = submitInvalid(body);

    assertEquals(413, answer.status());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:payload-too-large", answer.json().get("type"));
  }

  @Test
  void refusesASecondCaseWithTheSameExternalRefAndPointsToTheFirst() {
    Api.Answer first = submit(Cases.sample("EIB-DUP-1"));
    Api.Answer second = submit(Cases.sample("EIB-DUP-1"));

    assertEquals(409, second.status());
    assertEquals("/api/v1/cases/" + first.json().get("id"), second.header("Location"));
    assertEquals("urn:takedown-gateway:problem:duplicate-case", second.json().get("type"));

    Api.Answer otherSubmitter =
        api.post(
            "/api/v1/cases",
            TestTokens.get().submitter("brigade-case-system"),
            api.toJson(Cases.sample("EIB-DUP-1")));
    assertEquals(201, otherSubmitter.status(), "externalRef is unique per submitter only");
  }

  @Test
  void replaysTheFirstAnswerForTheSameIdempotencyKeyAndBody() {
    Map<String, Object> body = Cases.sample();
    Api.Answer first = submit(body, "Idempotency-Key", "key-001");
    Api.Answer replay = submit(body, "Idempotency-Key", "key-001");

    assertEquals(201, first.status());
    assertEquals(201, replay.status());
    assertEquals(first.json().get("id"), replay.json().get("id"));
    assertEquals(first.header("Location"), replay.header("Location"));
  }

  @Test
  void refusesAnIdempotencyKeyReusedWithAnotherBody() {
    submit(Cases.sample(), "Idempotency-Key", "key-002");
    Api.Answer answer = submit(Cases.sample(), "Idempotency-Key", "key-002");

    assertEquals(422, answer.status());
    assertEquals("urn:takedown-gateway:problem:idempotency-key-reused", answer.json().get("type"));
  }

  @Test
  void refusesAnIdempotencyKeyOverTheLimit() {
    Api.Answer answer = submitInvalid(Cases.sample(), "Idempotency-Key", "k".repeat(256));

    assertEquals(422, answer.status());
    assertEquals("Idempotency-Key", answer.list("errors").get(0).get("field"));
  }

  @Test
  void concurrentUsesOfOneKeyCreateOneCase() throws Exception {
    Map<String, Object> body = Cases.sample();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> submit(body, "Idempotency-Key", "key-race")));
      }
      Map<Object, Integer> ids = new HashMap<>();
      for (Future<Api.Answer> answer : answers) {
        Api.Answer a = answer.get();
        assertEquals(201, a.status(), a.body());
        ids.merge(a.json().get("id"), 1, Integer::sum);
      }
      assertEquals(1, ids.size(), "every answer names the same case");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void answersUnknownRoutesWithAProblem() {
    Api.Answer answer = api.withInvalidRequest().get("/api/v1/nothing-here", submitter);

    assertEquals(404, answer.status());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertNotNull(answer.json().get("title"));
  }

  private void assertNoCaseStored() {
    Api.Answer list = api.get("/api/v1/requests?limit=200", TestTokens.get().officer("officer-1"));
    for (Map<String, Object> request : list.list("items")) {
      assertFalse(
          ((String) request.get("url")).contains("files.example.org"),
          "nothing of a refused case is stored");
    }
  }
}
