package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.tiktok.FakeTikTok.FIRST_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.QUERY_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.errorEnvelope;
import static org.takedown.adapters.tiktok.FakeTikTok.json;
import static org.takedown.adapters.tiktok.FakeTikTok.jsonBody;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;

class TikTokStatusTest {

  private static final PartnerRef REF = PartnerRef.of("7301000000000000001");
  private static final long UPDATE_TIME = 1793606400L; // 2026-11-02T08:00:00Z
  private static final long PRESERVE_EXPIRE_TIME = 1801386000L; // 2027-01-31T09:00:00Z

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void asksTikTokForTheRequestIdWithBearerToken() {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith(entry(REF.id(), "PENDING", null, null)));

    tiktok.adapter().status(REF);

    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(QUERY_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"request_ids\": [\"7301000000000000001\"]}")));
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING, , SUBMITTED, , TikTok status PENDING",
    "PROCESSING, , IN_REVIEW, , TikTok status PROCESSING",
    "COMPLETED, REMOVED, COMPLETED, REMOVED, 'TikTok status COMPLETED, result REMOVED'",
    "COMPLETED, GEO_RESTRICTED, COMPLETED, RESTRICTED, 'TikTok status COMPLETED, result GEO_RESTRICTED'",
    "REJECTED, NOT_FOUND, COMPLETED, NOT_FOUND, 'TikTok status REJECTED, result NOT_FOUND'",
    "REJECTED, NO_VIOLATION, COMPLETED, NO_VIOLATION, 'TikTok status REJECTED, result NO_VIOLATION'",
    "REJECTED, , COMPLETED, DECLINED, TikTok status REJECTED"
  })
  void mapsTikTokStatusAndResultToGatewayState(
      String status, String result, PartnerState state, Outcome outcome, String detail) {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith(entry(REF.id(), status, result, null)));

    StatusOutcome answer = tiktok.adapter().status(REF);

    assertEquals(
        new StatusOutcome.Known(
            new PartnerUpdate(
                REF, state, outcome, null, Instant.ofEpochSecond(UPDATE_TIME), detail)),
        answer);
  }

  @Test
  void reportsPreservationWithItsExpiryAsPreservedUntil() {
    tiktok.issuesTokens();
    tiktok.answersQuery(
        answerWith(entry(REF.id(), "COMPLETED", "PRESERVED", PRESERVE_EXPIRE_TIME)));

    StatusOutcome answer = tiktok.adapter().status(REF);

    PartnerUpdate update = assertInstanceOf(StatusOutcome.Known.class, answer).update();
    assertEquals(PartnerState.COMPLETED, update.state());
    assertEquals(Outcome.PRESERVED, update.outcome());
    assertEquals(Instant.parse("2027-01-31T09:00:00Z"), update.preservedUntil());
  }

  @Test
  void rejectsRefMissingFromTikTokAnswer() {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith());

    StatusOutcome answer = tiktok.adapter().status(REF);

    PartnerFailure.Rejected rejected = assertInstanceOf(PartnerFailure.Rejected.class, answer);
    assertTrue(rejected.reason().contains("unknown to TikTok"), rejected.reason());
  }

  @Test
  void asksAgainWhenTikTokReportsACompletedResultItsProfileDoesNotList() {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith(entry(REF.id(), "COMPLETED", "AGE_RESTRICTED", null)));

    StatusOutcome answer = tiktok.adapter().status(REF);

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, answer);
    assertTrue(retry.reason().contains("AGE_RESTRICTED"), retry.reason());
  }

  @Test
  void asksAgainWhenTikTokGivesAUnixTimeBeyondAnyDate() {
    // no Instant holds 2^63 - 1 seconds: the time is unreadable, like an unknown result
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith(entry(REF.id(), "COMPLETED", "PRESERVED", Long.MAX_VALUE)));

    StatusOutcome answer = tiktok.adapter().status(REF);

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, answer);
    assertTrue(retry.reason().contains("beyond any date"), retry.reason());
  }

  @Test
  void answersABatchInOneCallInTheOrderOfTheRefs() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(200, "query-batch.json"));
    PartnerRef removed = PartnerRef.of("7301000000000000001");
    PartnerRef unknown = PartnerRef.of("7301000000000000002");
    PartnerRef notFound = PartnerRef.of("7301000000000000003");

    List<StatusOutcome> answers = tiktok.adapter().statuses(List.of(removed, unknown, notFound));

    assertEquals(3, answers.size());
    PartnerUpdate first = assertInstanceOf(StatusOutcome.Known.class, answers.get(0)).update();
    assertEquals(removed, first.ref());
    assertEquals(Outcome.REMOVED, first.outcome());
    assertInstanceOf(PartnerFailure.Rejected.class, answers.get(1));
    PartnerUpdate third = assertInstanceOf(StatusOutcome.Known.class, answers.get(2)).update();
    assertEquals(notFound, third.ref());
    assertEquals(Outcome.NOT_FOUND, third.outcome());
    tiktok.verifyQueryRequests(1);
    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(QUERY_PATH))
            .withRequestBody(
                equalToJson(
                    "{\"request_ids\": [\"7301000000000000001\", \"7301000000000000002\","
                        + " \"7301000000000000003\"]}")));
  }

  @Test
  void asksForTwentyRefsInOneCall() {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith());
    List<PartnerRef> refs = refs(20);

    List<StatusOutcome> answers = tiktok.adapter().statuses(refs);

    assertEquals(20, answers.size());
    tiktok.verifyQueryRequests(1);
  }

  @Test
  void offersBatchesOfTwentyThroughThePort() {
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith(entry("7301000000000000020", "PROCESSING", null, null)));
    PlatformAdapter port = tiktok.adapter();

    List<StatusOutcome> answers = port.statuses(refs(20));

    assertEquals(20, port.statusBatchLimit());
    assertEquals(20, answers.size());
    assertEquals(
        PartnerState.IN_REVIEW,
        assertInstanceOf(StatusOutcome.Known.class, answers.get(19)).update().state());
    tiktok.verifyQueryRequests(1);
  }

  @Test
  void refusesABatchOfMoreThanTwentyRefs() {
    List<PartnerRef> refs = refs(21);
    TikTokAdapter adapter = tiktok.adapter();

    assertThrows(IllegalArgumentException.class, () -> adapter.statuses(refs));

    tiktok.verifyTokenRequests(0);
    tiktok.verifyQueryRequests(0);
  }

  @Test
  void answersAnEmptyBatchWithoutCallingTikTok() {
    assertEquals(List.of(), tiktok.adapter().statuses(List.of()));

    tiktok.verifyTokenRequests(0);
  }

  @Test
  void asksEachRefAloneWhenTikTokRefusesTheBatchAsInvalid() {
    tiktok.issuesTokens();
    PartnerRef good = PartnerRef.of("7301000000000000001");
    PartnerRef malformed = PartnerRef.of("not-a-tiktok-id");
    tiktok.wm.stubFor(
        post(urlEqualTo(QUERY_PATH))
            .withRequestBody(
                equalToJson("{\"request_ids\": [\"7301000000000000001\", \"not-a-tiktok-id\"]}"))
            .willReturn(json(400, "invalid-params.json")));
    tiktok.wm.stubFor(
        post(urlEqualTo(QUERY_PATH))
            .withRequestBody(equalToJson("{\"request_ids\": [\"7301000000000000001\"]}"))
            .willReturn(answerWith(entry(good.id(), "PROCESSING", null, null))));
    tiktok.wm.stubFor(
        post(urlEqualTo(QUERY_PATH))
            .withRequestBody(equalToJson("{\"request_ids\": [\"not-a-tiktok-id\"]}"))
            .willReturn(json(400, "invalid-params.json")));

    List<StatusOutcome> answers = tiktok.adapter().statuses(List.of(good, malformed));

    assertEquals(
        PartnerState.IN_REVIEW,
        assertInstanceOf(StatusOutcome.Known.class, answers.get(0)).update().state());
    assertEquals(
        "invalid_params",
        assertInstanceOf(PartnerFailure.Rejected.class, answers.get(1)).partnerCode());
    tiktok.verifyQueryRequests(3);
  }

  @Test
  void retriesEveryRefOfABatchAfterTikTokRetryAfter() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(429, "rate-limit-exceeded.json").withHeader("Retry-After", "7"));

    List<StatusOutcome> answers = tiktok.adapter().statuses(refs(2));

    for (StatusOutcome answer : answers) {
      assertEquals(
          Optional.of(Duration.ofSeconds(7)),
          assertInstanceOf(PartnerFailure.RetryLater.class, answer).hint());
    }
  }

  @Test
  void reportsPartnerUnauthorizedWhenTheScopeIsMissing() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(403, "scope-not-authorized.json"));

    assertInstanceOf(PartnerFailure.Unauthorized.class, tiktok.adapter().status(REF));
  }

  @Test
  void retriesStatusWhenTikTokFailsInternally() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(500, "internal-error.json"));

    assertInstanceOf(PartnerFailure.RetryLater.class, tiktok.adapter().status(REF));
  }

  @Test
  void rejectsStatusOnUnknown4xx() {
    tiktok.issuesTokens();
    tiktok.answersQuery(jsonBody(404, errorEnvelope("not_found")));

    PartnerFailure.Rejected rejected =
        assertInstanceOf(PartnerFailure.Rejected.class, tiktok.adapter().status(REF));
    assertEquals("not_found", rejected.partnerCode());
  }

  @Test
  void retriesStatusWhenTikTokResetsTheConnection() {
    tiktok.issuesTokens();
    tiktok.answersQuery(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, tiktok.adapter().status(REF));
  }

  @Test
  void retriesStatusWhenTikTokAnswersAfterTheReadTimeout() {
    tiktok.with("read-timeout", "1s");
    tiktok.issuesTokens();
    tiktok.answersQuery(answerWith().withFixedDelay(3_000));

    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, tiktok.adapter().status(REF));
    assertEquals("TikTok call /v2/legal/requests/query/ timed out, answer unknown", retry.reason());
  }

  @Test
  void retriesStatusWhenTheAnswerIsGarbage() {
    tiktok.issuesTokens();
    tiktok.answersQuery(jsonBody(200, "{\"data\": {\"requests\": [{\"request_id\": 7301"));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, tiktok.adapter().status(REF));
  }

  @Test
  void retriesStatusWhenTheAnswerHasNoRequestList() {
    tiktok.issuesTokens();
    tiktok.answersQuery(jsonBody(200, errorEnvelope("ok")));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, tiktok.adapter().status(REF));
  }

  private static List<PartnerRef> refs(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> PartnerRef.of("73010000000000%05d".formatted(i)))
        .toList();
  }

  private static String entry(String id, String status, String result, Long preserveExpireTime) {
    return """
        {"request_id": "%s", "status": "%s", "result": %s, "preserve_expire_time": %s,
         "update_time": %d}
        """
        .formatted(
            id,
            status,
            result == null ? "null" : "\"" + result + "\"",
            preserveExpireTime == null ? "null" : preserveExpireTime.toString(),
            UPDATE_TIME);
  }

  private static ResponseDefinitionBuilder answerWith(String... entries) {
    return jsonBody(
        200,
        """
        {"data": {"requests": [%s]},
         "error": {"code": "ok", "message": "", "log_id": "20261102090000QUERY0002"}}
        """
            .formatted(String.join(",", entries)));
  }
}
