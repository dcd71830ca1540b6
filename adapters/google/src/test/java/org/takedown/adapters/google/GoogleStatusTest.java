package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.StatusOutcome;

class GoogleStatusTest {

  private static final String OPERATION_PATH = "/v1/operations/lr-8f14e45f";
  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");
  private static final Instant CREATED = Instant.parse("2024-06-20T10:00:00Z");
  private static final Instant REVIEWED = Instant.parse("2024-06-20T11:30:00Z");
  private static final Instant RESOLVED = Instant.parse("2024-06-21T09:15:00Z");

  @RegisterExtension static final SharedGoogleAdapter google = new SharedGoogleAdapter();

  private static void answerPoll(ResponseDefinitionBuilder response) {
    google.wm().stubFor(get(urlPathEqualTo(OPERATION_PATH)).willReturn(response));
  }

  private static PartnerUpdate update(
      PartnerState state, Outcome outcome, Instant preservedUntil, Instant at, String detail) {
    return new PartnerUpdate(REF, state, outcome, preservedUntil, at, detail);
  }

  static Stream<Arguments> everyRowOfTheStateTable() {
    return Stream.of(
        Arguments.of(
            "operation-received.json",
            update(PartnerState.SUBMITTED, null, null, CREATED, "Google state RECEIVED")),
        Arguments.of(
            "operation-under-review.json",
            update(PartnerState.IN_REVIEW, null, null, REVIEWED, "Google state UNDER_REVIEW")),
        Arguments.of(
            "operation-resolved-removed.json",
            update(
                PartnerState.COMPLETED,
                Outcome.REMOVED,
                null,
                RESOLVED,
                "Google state RESOLVED, resolution REMOVED")),
        Arguments.of(
            "operation-resolved-restricted.json",
            update(
                PartnerState.COMPLETED,
                Outcome.RESTRICTED,
                null,
                RESOLVED,
                "Google state RESOLVED, resolution RESTRICTED")),
        Arguments.of(
            "operation-resolved-preserved.json",
            update(
                PartnerState.COMPLETED,
                Outcome.PRESERVED,
                Instant.parse("2024-09-19T09:15:00Z"),
                RESOLVED,
                "Google state RESOLVED, resolution PRESERVED")),
        Arguments.of(
            "operation-resolved-not-found.json",
            update(
                PartnerState.COMPLETED,
                Outcome.NOT_FOUND,
                null,
                RESOLVED,
                "Google state RESOLVED, resolution NOT_FOUND")),
        Arguments.of(
            "operation-resolved-no-action.json",
            update(
                PartnerState.COMPLETED,
                Outcome.NO_VIOLATION,
                null,
                RESOLVED,
                "Google state RESOLVED, resolution NO_ACTION")),
        Arguments.of(
            "operation-failed.json",
            update(
                PartnerState.FAILED,
                null,
                null,
                Instant.parse("2024-06-20T10:00:05Z"),
                "Google operation failed: INVALID_ARGUMENT (code 3)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRowOfTheStateTable")
  void mapsTheOperationToTheGatewayState(String operationFile, PartnerUpdate expected) {
    answerPoll(GoogleFixture.jsonFile(200, operationFile));

    assertEquals(new StatusOutcome.Known(expected), google.adapter().status(REF));
  }

  @Test
  void pollsTheOperationByNameWithTheAccessToken() {
    answerPoll(GoogleFixture.jsonFile(200, "operation-received.json"));

    google.adapter().status(REF);

    google
        .wm()
        .verify(
            1,
            getRequestedFor(urlEqualTo(OPERATION_PATH))
                .withHeader("Authorization", equalTo("Bearer " + GoogleFixture.TOKEN))
                .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void readsAResolvedTimeWithAnOffset() {
    answerPoll(
        okJson(
            """
            {"name": "operations/lr-8f14e45f", "done": true,
             "metadata": {"legalRequest": "legalRequests/123", "updateTime": "2024-06-21T11:15:00+02:00"},
             "response": {"name": "legalRequests/123", "state": "RESOLVED", "resolution": "REMOVED"}}
            """));

    StatusOutcome.Known known =
        assertInstanceOf(StatusOutcome.Known.class, google.adapter().status(REF));
    assertEquals(RESOLVED, known.update().updatedAt());
  }

  @Test
  void rejectsAnOperationGoogleDoesNotKnow() {
    answerPoll(GoogleFixture.jsonFile(404, "error-not-found.json"));

    assertEquals(
        new PartnerFailure.Rejected("NOT_FOUND", "Google NOT_FOUND over HTTP 404"),
        google.adapter().status(REF));
  }

  @Test
  void retriesAThrottledPollAfterGooglesRetryInfoDelay() {
    answerPoll(GoogleFixture.jsonFile(429, "error-resource-exhausted.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofSeconds(30)), "Google RESOURCE_EXHAUSTED over HTTP 429"),
        google.adapter().status(REF));
  }

  @Test
  void retriesAPollWhileGoogleIsUnavailable() {
    answerPoll(GoogleFixture.jsonFile(503, "error-unavailable.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMillis(1500)), "Google UNAVAILABLE over HTTP 503"),
        google.adapter().status(REF));
  }

  @Test
  void stopsGoogleWhenPollingIsDenied() {
    answerPoll(GoogleFixture.jsonFile(403, "error-permission-denied.json"));

    assertEquals(
        new PartnerFailure.Unauthorized("Google PERMISSION_DENIED over HTTP 403"),
        google.adapter().status(REF));
  }

  @Test
  void retriesWhenThePollTimesOut() {
    answerPoll(
        GoogleFixture.jsonFile(200, "operation-received.json").withFixedDelay(GoogleFixture.SLOW));

    try (ApplicationContext impatient = google.context(GoogleFixture.IMPATIENT)) {
      NoAnswerAssertions.assertNoAnswer(impatient.getBean(GoogleAdapter.class).status(REF));
    }
  }

  @Test
  void retriesWhenThePollConnectionIsReset() {
    answerPoll(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    NoAnswerAssertions.assertNoAnswer(google.adapter().status(REF));
  }

  @Test
  void retriesWhenThePollAnswerIsGarbage() {
    answerPoll(aResponse().withStatus(200).withBody("<html>not an operation</html>"));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Google answer over HTTP 200 could not be read"),
        google.adapter().status(REF));
  }

  @Test
  void retriesWhenAResolvedTimeIsUnreadable() {
    answerPoll(
        okJson(
            """
            {"name": "operations/lr-8f14e45f", "done": true,
             "response": {"name": "legalRequests/123", "state": "RESOLVED",
                          "resolution": "PRESERVED", "preserveUntil": "next quarter"}}
            """));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.empty(), "Google operation carries an unreadable timestamp"),
        google.adapter().status(REF));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"operations/lr-8f14e45f\", \"metadata\": {\"state\": \"ESCALATED\"}}",
        "{\"name\": \"operations/lr-8f14e45f\", \"done\": true,"
            + " \"response\": {\"state\": \"RESOLVED\", \"resolution\": \"SHRUGGED\"}}",
        "{\"name\": \"operations/lr-8f14e45f\", \"done\": true,"
            + " \"response\": {\"state\": \"WITHDRAWN\"}}"
      })
  void leavesTheRequestWhereItIsOnVocabularyOutsideTheTable(String operation) {
    answerPoll(okJson(operation));

    PartnerFailure.RetryLater retry =
        assertInstanceOf(PartnerFailure.RetryLater.class, google.adapter().status(REF));
    assertEquals(Optional.empty(), retry.hint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../admin", "operations/../../token", "operations/lr 1", "a?b=c"})
  void refusesToPollAReferenceThatIsNotAResourceName(String operation) {
    StatusOutcome outcome = google.adapter().status(new PartnerRef("legalRequests/123", operation));

    assertInstanceOf(PartnerFailure.Rejected.class, outcome);
  }

  @Test
  void refusesToPollAReferenceWithoutOperation() {
    assertEquals(
        new PartnerFailure.Rejected(
            "NO_OPERATION", "Google reference legalRequests/123 has no pollable operation name"),
        google.adapter().status(PartnerRef.of("legalRequests/123")));
  }
}
