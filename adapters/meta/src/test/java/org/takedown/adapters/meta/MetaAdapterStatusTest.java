package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.takedown.adapters.meta.GraphStub.ACCESS_TOKEN;
import static org.takedown.adapters.meta.MetaAdapterSubmitTest.graphError;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.StatusOutcome;

class MetaAdapterStatusTest {

  private static final String ID = "1784512345678901";
  private static final PartnerRef REF = PartnerRef.of(ID);
  private static final String FIELDS =
      "id,status,outcome,updated_time,preserved_until,decline_reason";

  @RegisterExtension static final SharedGraphStub graph = new SharedGraphStub();

  @Test
  void readsTheRequestNodeWithItsStatusFieldsAndBearerToken() {
    answer(aResponse().withStatus(200).withBodyFile("meta/status-preserved.json"));

    graph.adapter().status(REF);

    graph
        .wm()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo("/v21.0/" + ID))
                .withQueryParam("fields", equalTo(FIELDS))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void reportsPreservationWithItsEndDate() {
    answer(aResponse().withStatus(200).withBodyFile("meta/status-preserved.json"));

    StatusOutcome outcome = graph.adapter().status(REF);

    assertEquals(
        new StatusOutcome.Known(
            new PartnerUpdate(
                REF,
                PartnerState.COMPLETED,
                Outcome.PRESERVED,
                Instant.parse("2024-09-19T08:30:00Z"),
                Instant.parse("2024-06-21T08:30:00Z"),
                "Meta status COMPLETED, outcome DATA_PRESERVED")),
        outcome);
  }

  @ParameterizedTest(name = "{0} + {1}{2} is {3} / {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "RECEIVED, -, -, SUBMITTED, -, Meta status RECEIVED",
        "IN_REVIEW, -, -, IN_REVIEW, -, Meta status IN_REVIEW",
        "COMPLETED, CONTENT_REMOVED, -, COMPLETED, REMOVED, 'Meta status COMPLETED, outcome CONTENT_REMOVED'",
        "COMPLETED, CONTENT_RESTRICTED, -, COMPLETED, RESTRICTED, 'Meta status COMPLETED, outcome CONTENT_RESTRICTED'",
        "COMPLETED, DATA_PRESERVED, -, COMPLETED, PRESERVED, 'Meta status COMPLETED, outcome DATA_PRESERVED'",
        "DECLINED, -, CONTENT_NOT_FOUND, COMPLETED, NOT_FOUND, 'Meta status DECLINED, decline_reason CONTENT_NOT_FOUND'",
        "DECLINED, -, NO_VIOLATION_FOUND, COMPLETED, NO_VIOLATION, 'Meta status DECLINED, decline_reason NO_VIOLATION_FOUND'",
        "DECLINED, -, INSUFFICIENT_LEGAL_BASIS, COMPLETED, DECLINED, 'Meta status DECLINED, decline_reason INSUFFICIENT_LEGAL_BASIS'"
      })
  void mapsMetasStatusToTheGatewaysStates(
      String status,
      String outcome,
      String declineReason,
      PartnerState state,
      Outcome expectedOutcome,
      String detail) {
    answer(
        aResponse()
            .withStatus(200)
            .withBody(
                "{\"id\": \""
                    + ID
                    + "\", \"status\": \""
                    + status
                    + "\""
                    + (outcome == null ? "" : ", \"outcome\": \"" + outcome + "\"")
                    + (declineReason == null
                        ? ""
                        : ", \"decline_reason\": \"" + declineReason + "\"")
                    + ", \"updated_time\": \"2024-06-21T08:30:00Z\"}"));

    StatusOutcome answer = graph.adapter().status(REF);

    assertEquals(
        new StatusOutcome.Known(
            new PartnerUpdate(
                REF, state, expectedOutcome, null, Instant.parse("2024-06-21T08:30:00Z"), detail)),
        answer);
  }

  @Test
  void readsGraphsOwnTimestampForm() {
    answer(
        aResponse()
            .withStatus(200)
            .withBody(
                "{\"id\": \""
                    + ID
                    + "\", \"status\": \"IN_REVIEW\", \"updated_time\": \"2024-06-21T10:30:00+0200\"}"));

    StatusOutcome outcome = graph.adapter().status(REF);

    assertEquals(
        Instant.parse("2024-06-21T08:30:00Z"),
        assertInstanceOf(StatusOutcome.Known.class, outcome).update().updatedAt());
  }

  @Test
  void leavesUpdateTimeUnsetWhenMetaGivesNone() {
    answer(
        aResponse().withStatus(200).withBody("{\"id\": \"" + ID + "\", \"status\": \"RECEIVED\"}"));

    StatusOutcome outcome = graph.adapter().status(REF);

    assertEquals(
        new StatusOutcome.Known(
            new PartnerUpdate(
                REF, PartnerState.SUBMITTED, null, null, null, "Meta status RECEIVED")),
        outcome);
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"status\": \"ESCALATED\"}| Meta status ESCALATED, outcome null, decline_reason null not understood",
        "{\"status\": \"COMPLETED\"}| Meta status COMPLETED, outcome null, decline_reason null not understood",
        "{\"status\": \"COMPLETED\", \"outcome\": \"ACCOUNT_DISABLED\"}| Meta status COMPLETED, outcome ACCOUNT_DISABLED, decline_reason null not understood",
        "{\"status\": \"DECLINED\", \"decline_reason\": \"OTHER\"}| Meta status DECLINED, outcome null, decline_reason OTHER not understood",
        "{}| Meta status null, outcome null, decline_reason null not understood",
        "{\"status\": \"RECEIVED\", \"updated_time\": \"yesterday\"}| Meta updated_time is not a timestamp",
        "{\"status\": \"COMPLETED\", \"outcome\": \"DATA_PRESERVED\", \"preserved_until\": \"soon\"}| Meta preserved_until is not a timestamp"
      })
  void asksAgainWhenTheStatusIsNotUnderstood(String body, String reason) {
    answer(aResponse().withStatus(200).withBody(body));

    assertEquals(
        new PartnerFailure.RetryLater(Optional.empty(), reason), graph.adapter().status(REF));
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {"{\"status\": \"RECEI", "''"})
  void asksAgainWhenTheStatusCannotBeRead(String body) {
    answer(aResponse().withStatus(200).withBody(body));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Meta HTTP 200 with an unreadable status"),
        graph.adapter().status(REF));
  }

  @Test
  void rejectsAReferenceMetaDoesNotKnow() {
    answer(aResponse().withStatus(400).withBodyFile("meta/error-unknown-object.json"));

    assertEquals(
        new PartnerFailure.Rejected(
            "100",
            "Meta error 100/33 over HTTP 400 (GraphMethodException, fbtrace_id AbCdEf033):"
                + " invalid parameter"),
        graph.adapter().status(REF));
  }

  @Test
  void reportsPartnerUnauthorizedWhenTheAccessTokenIsRefused() {
    answer(aResponse().withStatus(401).withBodyFile("meta/error-token-expired.json"));

    assertInstanceOf(PartnerFailure.Unauthorized.class, graph.adapter().status(REF));
  }

  @Test
  void retriesRateLimitedStatusReadsAfterMetasEstimate() {
    answer(
        aResponse()
            .withStatus(403)
            .withHeader(
                "X-Business-Use-Case-Usage",
                "{\"123\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":7}]}")
            .withBody(graphError(17, false)));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMinutes(7)),
            "Meta error 17 over HTTP 403 (OAuthException): rate limited"),
        graph.adapter().status(REF));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500|<html>oops</html>",
        "503|''",
        "400|{\"error\": {\"code\": 2, \"type\": \"OAuthException\"}}",
        "429|''"
      })
  void retriesTransientStatusFailures(int status, String body) {
    answer(aResponse().withStatus(status).withBody(body));

    assertInstanceOf(PartnerFailure.RetryLater.class, graph.adapter().status(REF));
  }

  @Test
  void rejectsOtherGraphErrors() {
    answer(aResponse().withStatus(403).withBody(graphError(200, false)));

    assertEquals(
        new PartnerFailure.Rejected("200", "Meta error 200 over HTTP 403 (OAuthException)"),
        graph.adapter().status(REF));
  }

  @Test
  void keepsTheReferenceInsideItsPathSegment() {
    PartnerRef hostile = PartnerRef.of("../" + GraphStub.AGENCY_ID + "/legal_requests?x=");
    graph
        .wm()
        .stubFor(
            get(urlPathEqualTo("/v21.0/..%2F" + GraphStub.AGENCY_ID + "%2Flegal_requests%3Fx%3D"))
                .willReturn(
                    aResponse().withStatus(400).withBodyFile("meta/error-unknown-object.json")));

    assertInstanceOf(PartnerFailure.Rejected.class, graph.adapter().status(hostile));
  }

  private static void answer(ResponseDefinitionBuilder response) {
    graph.wm().stubFor(get(urlPathEqualTo("/v21.0/" + ID)).willReturn(response));
  }
}
