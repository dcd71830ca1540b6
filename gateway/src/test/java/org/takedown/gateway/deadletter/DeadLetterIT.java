package org.takedown.gateway.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.contracts.DeadLetterRetry;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.gateway.intake.RequestsQueued;
import org.takedown.gateway.request.FailedRequests;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Refusals;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.testing.MutableClock;

/**
 * Admins list the dead letter by partner and time of failure and retry it in bulk. Requests fail
 * for real: the sandbox refuses their delivery with a permanent error. The clock stands still
 * unless a test moves it, so that every failure of one moment shares its instant exactly and the
 * range bounds can be tested to the microsecond. Each test that makes failures of its own first
 * moves the clock an hour on, out of the other tests' ranges, so the tests hold in any order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterIT implements TestPropertyProvider {

  private static final String DEAD_LETTERS = "/api/v1/admin/dead-letters";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject FailedRequests failedRequests;
  @Inject TransactionOperations<Connection> transactions;
  @Inject ApplicationEventPublisher<RequestsQueued> queued;
  @Inject RetryDeadLetters retryDeadLetters;
  Api api;
  Requests requests;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  final TestTokens tokens = TestTokens.get();
  final String admin = tokens.admin("admin-1");

  // the fixture: three META and one TIKTOK failure at t0, one META failure at t1 = t0 + 1 h
  List<String> metaAtT0;
  String tiktokAtT0;
  String metaAtT1;
  Instant t0;
  Instant t1;
  Instant fixtureEnd;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false",
        "test.mutable-clock", "true",
        // only a wake-up makes the dispatcher look for due requests: proves the retry wakes it
        "gateway.dispatch.poll-interval", "1h",
        // a real run over three requests takes two transactions
        "gateway.dead-letter.batch-size", "2");
  }

  @BeforeAll
  void failSomeRequests() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    metaAtT0 = failMeta(3);
    tiktokAtT0 = failTikTok();
    t0 = updatedAt(metaAtT0.get(0));
    clock.advance(Duration.ofHours(1));
    metaAtT1 = failMeta(1).get(0);
    t1 = updatedAt(metaAtT1);
    fixtureEnd = t1.plusSeconds(1);
    assertEquals(t0, updatedAt(tiktokAtT0), "a standing clock: one instant per moment");
  }

  @Test
  void listsFailedRequestsByPartnerAndTimeOfFailureNewestFirst() {
    List<Map<String, Object>> all = items("failedFrom", t0, "failedTo", fixtureEnd);
    assertEquals(metaAtT1, all.get(0).get("id"), "newest failure first");
    assertEquals(ids(metaAtT0, tiktokAtT0, metaAtT1), idsOf(all));
    for (Map<String, Object> request : all) {
      assertEquals("FAILED", request.get("status"));
      assertEquals(1, request.get("attempts"));
      assertNotNull(request.get("lastError"), "the partner's refusal is shown");
    }

    assertEquals(
        ids(metaAtT0, metaAtT1),
        idsOf(items("platform", "META", "failedFrom", t0, "failedTo", fixtureEnd)));
    assertEquals(
        ids(tiktokAtT0),
        idsOf(items("platform", "TIKTOK", "failedFrom", t0, "failedTo", fixtureEnd)));
    assertEquals(
        ids(metaAtT0, tiktokAtT0),
        idsOf(items("failedFrom", t0, "failedTo", t1)),
        "failedFrom is inclusive, failedTo exclusive");
    assertEquals(ids(metaAtT1), idsOf(items("failedFrom", t1, "failedTo", t1.plusNanos(1000))));
    assertEquals(
        ids(metaAtT0),
        idsOf(items("platform", "META", "failedFrom", t0.minusSeconds(60), "failedTo", t1)));
    assertEquals(0, items("failedTo", t0).size(), "nothing failed before t0 here");
  }

  @Test
  void pagesTheDeadLetterWithoutGapsOrRepeats() {
    List<Object> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Answer page =
          api.get(
              DEAD_LETTERS
                  + query("failedFrom", t0, "failedTo", fixtureEnd, "limit", 2, "cursor", cursor),
              admin);
      assertEquals(200, page.status(), page.body());
      List<Map<String, Object>> items = page.list("items");
      assertTrue(items.size() <= 2);
      items.forEach(item -> seen.add(item.get("id")));
      cursor = (String) page.json().get("nextCursor");
      pages++;
    } while (cursor != null);

    assertEquals(3, pages, "2 + 2 + 1");
    assertEquals(5, seen.size());
    assertEquals(ids(metaAtT0, tiktokAtT0, metaAtT1), new HashSet<>(seen), "no repeats, no gaps");
    Api.Answer last =
        api.get(DEAD_LETTERS + query("failedFrom", t1, "failedTo", fixtureEnd), admin);
    assertTrue(last.json().containsKey("nextCursor"));
    assertNull(last.json().get("nextCursor"));
  }

  @Test
  void countsWithoutChangingAnythingUnlessDryRunIsFalse() {
    Map<String, Object> before = requests.get(metaAtT0.get(0));

    DeadLetterRetryResult metaCount =
        retry(new DeadLetterRetry(org.takedown.contracts.Platform.META, t0, fixtureEnd, null));
    assertEquals(new DeadLetterRetryResult(4, 0, true), metaCount);
    DeadLetterRetryResult explicit =
        retry(new DeadLetterRetry(org.takedown.contracts.Platform.TIKTOK, t0, fixtureEnd, true));
    assertEquals(new DeadLetterRetryResult(1, 0, true), explicit);

    Api.Answer bare =
        api.send(
            HttpRequest.newBuilder(server.getURI().resolve(DEAD_LETTERS + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            admin);
    assertEquals(200, bare.status(), bare.body());
    assertEquals(true, bare.json().get("dryRun"), "a bare POST retries nothing");
    assertEquals(0, bare.json().get("retried"));
    assertTrue((Integer) bare.json().get("matched") >= 5, bare.body());

    assertEquals(before, requests.get(metaAtT0.get(0)), "nothing changed, not even the history");
    assertEquals(5, items("failedFrom", t0, "failedTo", fixtureEnd).size());
    assertEquals(1, sandbox.meta().createCallsFor(metaAtT0.get(0)), "nothing was resent");
  }

  @Test
  void retriesExactlyTheMatchingRequestsWithTheSameReference() {
    clock.advance(Duration.ofHours(1));
    List<String> meta = failMeta(3);
    String tiktok = failTikTok();
    Instant failedAt = updatedAt(meta.get(0));
    Map<String, Object> tiktokBefore = requests.get(tiktok);

    DeadLetterRetryResult result =
        retry(
            new DeadLetterRetry(
                org.takedown.contracts.Platform.META, failedAt, failedAt.plusSeconds(1), false));

    assertEquals(new DeadLetterRetryResult(3, 3, false), result);
    for (String id : meta) {
      Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");
      assertEquals(1, submitted.get("attempts"), "attempts were reset before the resend");
      assertEquals(
          2, sandbox.meta().createCallsFor(id), "the partner saw the same reference again");
      List<Map<String, Object>> retryLines =
          requests.history(id).stream().filter(h -> "officer".equals(h.get("source"))).toList();
      assertEquals(1, retryLines.size(), retryLines.toString());
      Map<String, Object> line = retryLines.get(0);
      assertEquals("FAILED", line.get("from"));
      assertEquals("PENDING", line.get("to"));
      assertEquals("admin-1", line.get("actor"));
      assertEquals(RetryDeadLetters.DETAIL, line.get("detail"));
    }
    assertEquals(tiktokBefore, requests.get(tiktok), "another partner's failure is untouched");
    assertEquals(1, sandbox.tiktok().createCallsFor(tiktok));
    assertEquals(
        ids(metaAtT0, metaAtT1),
        idsOf(items("platform", "META", "failedFrom", t0, "failedTo", fixtureEnd)),
        "failures outside the range are untouched");
    assertEquals(
        ids(tiktok),
        idsOf(items("failedFrom", failedAt, "failedTo", failedAt.plusSeconds(1))),
        "only the other partner's failure is left in the range");
  }

  @Test
  void leavesAloneARequestThatLeftFailedBeforeItWasLocked() {
    clock.advance(Duration.ofHours(1));
    List<String> failed = failMeta(2);
    String retriedByAnOfficer = failed.get(0);
    assertEquals(200, requests.act(retriedByAnOfficer, "retry").status());
    requests.awaitStatus(retriedByAnOfficer, "SUBMITTED");
    int historyBefore = requests.history(retriedByAnOfficer).size();

    List<FailedRequests.Requeued> requeued =
        transactions.executeWrite(
            status ->
                failedRequests.requeue(
                    failed.stream().map(UUID::fromString).toList(),
                    HistorySource.OFFICER,
                    "admin-1",
                    RetryDeadLetters.DETAIL,
                    clock.instant()));

    assertEquals(List.of(failed.get(1)), requeued.stream().map(r -> r.id().toString()).toList());
    assertEquals("SUBMITTED", requests.get(retriedByAnOfficer).get("status"));
    assertEquals(historyBefore, requests.history(retriedByAnOfficer).size());
    // requeue leaves waking the dispatcher to its caller; left PENDING, the request would take a
    // failure another test injects for its own requests
    queued.publishEvent(new RequestsQueued(Set.of(Platform.META)));
    requests.awaitStatus(failed.get(1), "SUBMITTED");
  }

  @Test
  void retriesSelectedRequestsAndSaysWhatBecameOfEach() {
    clock.advance(Duration.ofHours(1));
    List<String> failed = failMeta(2);
    UUID picked = UUID.fromString(failed.get(0));
    UUID retriedFirst = UUID.fromString(failed.get(1));
    assertEquals(200, requests.act(retriedFirst, "retry").status());
    UUID unknown = UUID.randomUUID();

    List<RetryDeadLetters.SelectedRetry> results =
        retryDeadLetters.retrySelected(List.of(picked, retriedFirst, unknown, picked), "admin-1");

    assertEquals(
        List.of(picked, retriedFirst, unknown),
        results.stream().map(RetryDeadLetters.SelectedRetry::id).toList(),
        "in the order asked, each once");
    assertEquals(
        List.of(
            RetryDeadLetters.RetryOutcome.RETRIED,
            RetryDeadLetters.RetryOutcome.NOT_FAILED,
            RetryDeadLetters.RetryOutcome.UNKNOWN),
        results.stream().map(RetryDeadLetters.SelectedRetry::outcome).toList());
    assertEquals(RequestState.PENDING, results.get(0).status());
    assertTrue(results.get(1).status() != RequestState.FAILED, results.toString());
    assertNull(results.get(2).status());
    // woken at once: this gateway's dispatcher polls only hourly
    requests.awaitStatus(picked, "SUBMITTED");
    assertEquals(2, sandbox.meta().createCallsFor(picked.toString()), "the same reference again");
    List<Map<String, Object>> lines =
        requests.history(picked).stream().filter(h -> "officer".equals(h.get("source"))).toList();
    assertEquals(1, lines.size(), lines.toString());
    assertEquals("admin-1", lines.get(0).get("actor"));
    assertEquals(RetryDeadLetters.SELECTED_DETAIL, lines.get(0).get("detail"));
    assertEquals(
        1,
        requests.history(retriedFirst).stream()
            .filter(h -> "officer".equals(h.get("source")))
            .count(),
        "retried once, by the officer");
    List<UUID> tooMany =
        java.util.stream.Stream.generate(UUID::randomUUID)
            .limit(RetryDeadLetters.MAX_SELECTED + 1)
            .toList();
    assertThrows(
        IllegalArgumentException.class, () -> retryDeadLetters.retrySelected(tooMany, "admin-1"));
  }

  @Test
  void namesEveryBadParameter() {
    Api.Answer list =
        api.withInvalidRequest()
            .get(
                DEAD_LETTERS
                    + "?platform=MYSPACE&failedFrom=yesterday&failedTo=2024-13-01T00:00:00Z"
                    + "&limit=0&cursor=%21%21",
                admin);
    assertEquals(422, list.status(), list.body());
    assertEquals("urn:takedown-gateway:problem:validation", list.json().get("type"));
    assertEquals(Set.of("platform", "failedFrom", "failedTo", "limit", "cursor"), fieldsOf(list));

    Api.Answer backwards =
        api.withInvalidRequest().get(DEAD_LETTERS + query("failedFrom", t1, "failedTo", t0), admin);
    assertEquals(422, backwards.status(), backwards.body());
    assertEquals(Set.of("failedTo"), fieldsOf(backwards));

    Api.Answer body =
        api.withInvalidRequest()
            .post(
                DEAD_LETTERS + "/retry",
                admin,
                "{\"platform\": 3, \"failedFrom\": \"soon\", \"failedTo\": true, \"dryRun\": \"no\"}");
    assertEquals(422, body.status(), body.body());
    assertEquals(Set.of("platform", "failedFrom", "failedTo", "dryRun"), fieldsOf(body));

    Api.Answer malformed =
        api.withInvalidRequest().post(DEAD_LETTERS + "/retry", admin, "{\"dryRun\": fal");
    assertEquals(400, malformed.status(), malformed.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", malformed.json().get("type"));
    Api.Answer notAnObject =
        api.withInvalidRequest().post(DEAD_LETTERS + "/retry", admin, "[false]");
    assertEquals(422, notAnObject.status(), notAnObject.body());
    assertEquals(Set.of("$"), fieldsOf(notAnObject));
  }

  @Test
  void letsOnlyAdminsSeeOrRetryTheDeadLetter() {
    String realRun = "{\"dryRun\": false, \"failedTo\": \"" + t0 + "\"}";
    for (String token : List.of(tokens.officer("officer-1"), tokens.submitter("e-blagh-triage"))) {
      Api.Answer list = api.get(DEAD_LETTERS, token);
      assertEquals(403, list.status(), list.body());
      assertEquals("application/problem+json", list.header("Content-Type"));
      assertEquals(403, api.post(DEAD_LETTERS + "/retry", token, realRun).status());
    }
    Api.Answer anonymous = api.get(DEAD_LETTERS, null);
    assertEquals(401, anonymous.status());
    assertEquals("urn:takedown-gateway:problem:unauthenticated", anonymous.json().get("type"));
    assertEquals(401, api.post(DEAD_LETTERS + "/retry", null, realRun).status());
    assertEquals(200, api.get(DEAD_LETTERS, admin).status());
  }

  private List<String> failMeta(int count) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(Cases.item(Refusals.metaRefuses(), "TAKEDOWN"));
    }
    return submitAndAwaitFailure(items);
  }

  private String failTikTok() {
    String url = Refusals.tiktokRefuses("invalid_params");
    return submitAndAwaitFailure(List.of(Cases.item(url, "TAKEDOWN"))).get(0);
  }

  private List<String> submitAndAwaitFailure(List<Map<String, Object>> items) {
    Map<String, Object> body = Cases.sample();
    body.put("items", items);
    List<String> ids = requests.submit(body).stream().map(r -> (String) r.get("id")).toList();
    ids.forEach(id -> requests.awaitStatus(id, "FAILED"));
    return ids;
  }

  private Instant updatedAt(String id) {
    return Instant.parse((String) requests.get(id).get("updatedAt"));
  }

  /** A bulk retry as a client written with the contracts module's records sends it. */
  private DeadLetterRetryResult retry(DeadLetterRetry body) {
    Api.Answer answer = api.post(DEAD_LETTERS + "/retry", admin, api.toJson(body));
    assertEquals(200, answer.status(), answer.body());
    return answer.as(DeadLetterRetryResult.class);
  }

  private List<Map<String, Object>> items(Object... parameters) {
    Api.Answer answer = api.get(DEAD_LETTERS + query(parameters), admin);
    assertEquals(200, answer.status(), answer.body());
    return answer.list("items");
  }

  /** A query string of name, value pairs; null values are left out. */
  private static String query(Object... parameters) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      if (parameters[i + 1] != null) {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append(parameters[i])
            .append('=')
            .append(URLEncoder.encode(parameters[i + 1].toString(), StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  /** The ids among {@code parts}: each an id or a list of ids. */
  private static Set<Object> ids(Object... parts) {
    Set<Object> ids = new HashSet<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        ids.addAll(list);
      } else {
        ids.add(part);
      }
    }
    return ids;
  }

  private static Set<Object> idsOf(List<Map<String, Object>> requests) {
    return requests.stream().map(r -> r.get("id")).collect(Collectors.toSet());
  }

  private static Set<String> fieldsOf(Api.Answer problem) {
    return problem.list("errors").stream()
        .map(e -> (String) e.get("field"))
        .collect(Collectors.toSet());
  }
}
