package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.tiktok.FakeTikTok.CREATE_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.FIRST_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.errorEnvelope;
import static org.takedown.adapters.tiktok.FakeTikTok.json;
import static org.takedown.adapters.tiktok.FakeTikTok.jsonBody;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;

class TikTokSubmitTest {

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void sendsRemovalRequestWithBearerTokenAndGatewayIdAsClientReference() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertEquals(new SubmitOutcome.Accepted(PartnerRef.of("7301234567890123456"), false), outcome);
    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "request_type": "REMOVAL",
                      "target_url": "https://www.tiktok.com/@example/video/7312345678901234567",
                      "category": "FRAUD_AND_SCAMS",
                      "legal_basis": "Criminal Code 263 (authorisation AUTH-2026-17)",
                      "case_reference": "CASE-2026-0042",
                      "is_emergency": true,
                      "non_disclosure": true,
                      "requester": {
                        "name": "Officer Example",
                        "email": "officer@unit.example",
                        "unit": "Cybercrime Unit"
                      },
                      "client_reference": "3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f"
                    }
                    """)));
  }

  @Test
  void sendsPreservationAsTikTokPreservationRequestType() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json"));

    tiktok.adapter().submit(SampleCommands.command(Action.PRESERVATION, Category.THREATS));

    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withRequestBody(matchingJsonPath("$.request_type", equalTo("PRESERVATION"))));
  }

  @ParameterizedTest
  @CsvSource({
    "FRAUD, FRAUD_AND_SCAMS",
    "SEXTORTION, SEXUAL_EXPLOITATION",
    "DEFAMATION, HARASSMENT_AND_BULLYING",
    "HARASSMENT, HARASSMENT_AND_BULLYING",
    "THREATS, VIOLENT_THREATS",
    "TERRORISM, VIOLENT_EXTREMISM",
    "CHILD_SEXUAL_EXPLOITATION, MINOR_SAFETY",
    "HATE_SPEECH, HATEFUL_BEHAVIOR",
    "OTHER, OTHER"
  })
  void sendsEveryGatewayCategoryAsItsTikTokCategory(Category category, String tiktokCategory) {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json"));

    tiktok.adapter().submit(SampleCommands.removal(category));

    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withRequestBody(matchingJsonPath("$.category", equalTo(tiktokCategory))));
  }

  @Test
  void acceptsDuplicateRequestAnsweredWith409AsTheExistingRequest() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(409, "duplicate.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertEquals(new SubmitOutcome.Accepted(PartnerRef.of("7301234567890123456"), true), outcome);
  }

  @Test
  void retriesDuplicateAnswerThatLacksTheExistingRequestId() {
    tiktok.issuesTokens();
    tiktok.answersCreate(jsonBody(409, errorEnvelope("duplicate_request")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void rejectsRequestTikTokCallsInvalidParamsWithoutEchoingItsMessage() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(400, "invalid-params.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.Rejected rejected = assertInstanceOf(PartnerFailure.Rejected.class, outcome);
    assertEquals("invalid_params", rejected.partnerCode());
    assertEquals(
        "TikTok error invalid_params over HTTP 400 (log_id 20261102090000PARAMS001)",
        rejected.reason());
    assertFalse(rejected.reason().contains(SampleCommands.OFFICER_EMAIL));
  }

  @Test
  void stopsTikTokWhenTheAppLacksTheLegalRequestScope() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(403, "scope-not-authorized.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.Unauthorized unauthorized =
        assertInstanceOf(PartnerFailure.Unauthorized.class, outcome);
    assertTrue(unauthorized.reason().contains("scope_not_authorized"), unauthorized.reason());
    tiktok.verifyTokenRequests(1);
  }

  @Test
  void retriesRateLimitAfterTheSecondsTikTokSendsInRetryAfter() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(429, "rate-limit-exceeded.json").withHeader("Retry-After", "3"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals(Optional.of(Duration.ofSeconds(3)), retry.hint());
    assertTrue(retry.reason().contains("rate_limit_exceeded"), retry.reason());
    assertTrue(retry.reason().contains("429"), retry.reason());
  }

  @Test
  void retriesRateLimitWithoutHintWhenTikTokSendsNoRetryAfter() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(429, "rate-limit-exceeded.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertEquals(
        Optional.empty(), assertInstanceOf(PartnerFailure.RetryLater.class, outcome).hint());
  }

  @Test
  void retriesTikTokInternalError() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(500, "internal-error.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertTrue(retry.reason().contains("internal_error"), retry.reason());
  }

  @Test
  void retriesAnyOther5xxEvenWithoutTikTokEnvelope() {
    tiktok.issuesTokens();
    tiktok.answersCreate(
        aResponse()
            .withStatus(503)
            .withHeader("Content-Type", "text/html")
            .withHeader("Retry-After", "20")
            .withBody("<html>Service Unavailable</html>"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals(Optional.of(Duration.ofSeconds(20)), retry.hint());
    assertTrue(retry.reason().contains("503"), retry.reason());
  }

  @Test
  void rejectsUnknown4xxErrorCode() {
    tiktok.issuesTokens();
    tiktok.answersCreate(jsonBody(422, errorEnvelope("target_not_supported")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.Rejected rejected = assertInstanceOf(PartnerFailure.Rejected.class, outcome);
    assertEquals("target_not_supported", rejected.partnerCode());
  }

  @Test
  void retriesAcceptedAnswerThatLacksTheRequestId() {
    tiktok.issuesTokens();
    tiktok.answersCreate(
        jsonBody(200, "{\"data\": {}, \"error\": {\"code\": \"ok\", \"message\": \"\"}}"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void retriesWhenTikTokAnswersAfterTheReadTimeout() {
    // Wide apart, so that a slow machine cannot time out the undelayed token call instead.
    tiktok.with("read-timeout", "1s");
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json").withFixedDelay(3_000));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals("TikTok call /v2/legal/requests/ timed out, answer unknown", retry.reason());
  }

  @Test
  void retriesWhenTikTokResetsTheConnection() {
    tiktok.issuesTokens();
    tiktok.answersCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void retriesWhenTikTokSendsAMalformedChunk() {
    tiktok.issuesTokens();
    tiktok.answersCreate(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void retriesWhenTikTokClosesWithoutAnswer() {
    tiktok.issuesTokens();
    tiktok.answersCreate(aResponse().withFault(Fault.EMPTY_RESPONSE));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void retriesWhenTikTokAnswers200WithGarbage() {
    tiktok.issuesTokens();
    tiktok.answersCreate(jsonBody(200, "{\"data\": {\"request_id\": \"73012345"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.UnknownOutcome unknown =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertTrue(unknown.reason().contains("unreadable"), unknown.reason());
  }

  @Test
  void retriesWhenTikTokCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    tiktok.with("base-url", "http://127.0.0.1:" + closedPort);

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    // the token grant is what finds no one: the request itself never left
    assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
  }

  @Test
  void speaksForTikTok() {
    assertEquals(Platform.TIKTOK, tiktok.adapter().platform());
  }
}
