package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;

/**
 * Partner answers are recorded in batches, one transaction each: every kind of answer in one batch
 * lands as it would alone, a stale lease still loses only its own answer, and an answer the
 * database refuses does not cost the rest of its batch their record.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerBatchIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DispatchDueRequests dispatch;

  @Override
  public Map<String, String> getProperties() {
    // no lanes run: the test gives the answers itself
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @Test
  void recordsEveryKindOfAnswerOfOneBatchInOneGo() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    List<ClaimedRequest> claims = claimMeta(requests, 6);
    ClaimedRequest stale =
        new ClaimedRequest(
            UUID.randomUUID(),
            0,
            claims.get(5).createdAt(),
            claims.get(5).position(),
            claims.get(5).caseId(),
            claims.get(5).command());

    List<DispatchDueRequests.Delivery> deliveries =
        dispatch.record(
            Platform.META,
            List.of(
                answer(
                    claims.get(0), new SubmitOutcome.Accepted(new PartnerRef("m-0", null), false)),
                // between two accepted answers: each answer's own row decides what it became
                answer(stale, new SubmitOutcome.Accepted(new PartnerRef("m-5", null), false)),
                answer(
                    claims.get(1), new SubmitOutcome.Accepted(new PartnerRef("m-1", null), true)),
                answer(claims.get(2), new PartnerFailure.Rejected("100", "invalid content_url")),
                answer(claims.get(3), PartnerFailure.RetryLater.withoutHint("HTTP 503")),
                answer(claims.get(4), new PartnerFailure.Unauthorized("token expired"))));

    assertEquals(
        List.of(
            DispatchDueRequests.Delivery.SUBMITTED,
            DispatchDueRequests.Delivery.LEASE_LOST,
            DispatchDueRequests.Delivery.SUBMITTED,
            DispatchDueRequests.Delivery.FAILED,
            DispatchDueRequests.Delivery.RETRY_SCHEDULED,
            DispatchDueRequests.Delivery.PARTNER_UNAUTHORIZED),
        deliveries);
    assertEquals("m-1", requests.get(claims.get(1).id()).get("partnerRef"));
    Map<String, Object> accepted = requests.get(claims.get(0).id());
    assertEquals("SUBMITTED", accepted.get("status"));
    assertEquals("m-0", accepted.get("partnerRef"));
    assertEquals("accepted by META as m-0", lastDetail(requests, claims.get(0)));
    assertEquals("already held by META as m-1", lastDetail(requests, claims.get(1)));
    assertEquals("FAILED", requests.get(claims.get(2).id()).get("status"));
    assertEquals("rejected by META: invalid content_url", lastDetail(requests, claims.get(2)));
    Map<String, Object> retried = requests.get(claims.get(3).id());
    assertEquals("PENDING", retried.get("status"));
    assertEquals(1, retried.get("attempts"));
    assertTrue(lastDetail(requests, claims.get(3)).startsWith("attempt 1 failed: HTTP 503"));
    Map<String, Object> unauthorized = requests.get(claims.get(4).id());
    assertEquals(0, unauthorized.get("attempts"), "the partner was never really asked");
    assertTrue(lastDetail(requests, claims.get(4)).startsWith("not sent: token expired"));
    Map<String, Object> stillLeased = requests.get(claims.get(5).id());
    assertEquals("PENDING", stillLeased.get("status"), "a stale lease records nothing");
    assertEquals(1, requests.history(claims.get(5).id()).size());
  }

  @Test
  void anAnswerTheDatabaseRefusesLeavesTheRestOfItsBatchRecorded() throws Exception {
    Requests requests = new Requests(new Api(server.getURL(), json));
    List<ClaimedRequest> claims = claimMeta(requests, 3);
    // partner_ref holds 512 characters: a partner that answers with a longer id is refused
    PartnerRef tooLong = new PartnerRef("9".repeat(600), null);
    AnswerRecorder recorder = new AnswerRecorder(Platform.META, dispatch, 16);
    recorder.add(
        answer(claims.get(0), new SubmitOutcome.Accepted(new PartnerRef("ok-0", null), false)));
    recorder.add(answer(claims.get(1), new SubmitOutcome.Accepted(tooLong, false)));
    recorder.add(
        answer(claims.get(2), new SubmitOutcome.Accepted(new PartnerRef("ok-2", null), false)));

    recorder.start();
    recorder.stop(Duration.ofSeconds(20));

    assertEquals("ok-0", requests.get(claims.get(0).id()).get("partnerRef"));
    assertEquals("ok-2", requests.get(claims.get(2).id()).get("partnerRef"));
    Map<String, Object> refused = requests.get(claims.get(1).id());
    assertEquals("PENDING", refused.get("status"), "left to its lease, to be sent again");
    assertEquals(0, refused.get("attempts"));
  }

  /** Submits one case of {@code count} Meta items and claims its requests, in item order. */
  private List<ClaimedRequest> claimMeta(Requests requests, int count) {
    Map<String, Object> body = Cases.sample();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(Cases.item(Cases.freshUrl(Platform.META), "TAKEDOWN"));
    }
    body.put("items", items);
    List<UUID> ids =
        requests.submit(body).stream().map(r -> UUID.fromString((String) r.get("id"))).toList();
    List<ClaimedRequest> claims = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              dispatch.claim(Platform.META, 100, "batch-test").stream()
                  .filter(c -> ids.contains(c.id()))
                  .forEach(claims::add);
              return claims.size() == count;
            });
    claims.sort(Comparator.comparing(c -> ids.indexOf(c.id())));
    return claims;
  }

  private static DispatchDueRequests.Answer answer(ClaimedRequest claim, SubmitOutcome outcome) {
    return new DispatchDueRequests.Answer(claim, outcome);
  }

  private static String lastDetail(Requests requests, ClaimedRequest claim) {
    List<Map<String, Object>> history = requests.history(claim.id());
    return Optional.ofNullable(history.get(history.size() - 1).get("detail"))
        .map(Object::toString)
        .orElse("");
  }
}
