package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.meta.GraphStub.ACCESS_TOKEN;
import static org.takedown.adapters.meta.GraphStub.LEGAL_REQUESTS_PATH;
import static org.takedown.adapters.meta.GraphStub.REQUESTER_EMAIL;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;

class MetaAdapterSubmitTest {

  @RegisterExtension static final SharedGraphStub graph = new SharedGraphStub();

  @Test
  void speaksForMeta() {
    assertEquals(Platform.META, graph.adapter().platform());
  }

  @Test
  void postsTakedownAsContentRemovalWithBearerTokenAndExternalId() {
    answer(aResponse().withStatus(200).withBodyFile("meta/created.json"));
    UUID requestId = UUID.fromString("0b6f7c3e-52a4-4c39-9d0f-3f6c1b2a9e11");

    SubmitOutcome outcome =
        graph.adapter().submit(GraphStub.command(requestId, Action.TAKEDOWN, Category.SEXTORTION));

    assertEquals(new SubmitOutcome.Accepted(PartnerRef.of("1784512345678901"), false), outcome);
    graph
        .wm()
        .verify(
            1,
            postRequestedFor(urlEqualTo(LEGAL_REQUESTS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(
                    equalToJson(
                        """
                    { "request_type": "CONTENT_REMOVAL",
                      "content_url": "https://facebook.com/story.php?story_fbid=1234567890&id=42",
                      "violation_type": "SEXTORTION",
                      "legal_basis": "Loi 103-13 art. 447-1 (authorisation PR-RABAT-2024-551)",
                      "case_reference": "EIB-2024-000123",
                      "emergency": false,
                      "non_disclosure": true,
                      "requester": {"name": "Officer Test", "email": "officer@police.example",
                                    "unit": "BNPJ / Brigade technique"},
                      "external_id": "0b6f7c3e-52a4-4c39-9d0f-3f6c1b2a9e11" }
                    """)));
  }

  @Test
  void postsPreservationAsPreservationRequest() {
    answer(aResponse().withStatus(200).withBodyFile("meta/created.json"));

    graph
        .adapter()
        .submit(GraphStub.command(UUID.randomUUID(), Action.PRESERVATION, Category.FRAUD));

    graph
        .wm()
        .verify(
            postRequestedFor(urlEqualTo(LEGAL_REQUESTS_PATH))
                .withRequestBody(matchingJsonPath("$.request_type", equalTo("PRESERVATION"))));
  }

  @Test
  void sendsEmergencyAndDisclosureFlagsAsGiven() {
    answer(aResponse().withStatus(200).withBodyFile("meta/created.json"));
    SubmitCommand usual = GraphStub.takedown(Category.TERRORISM);
    SubmitCommand emergency =
        new SubmitCommand(
            usual.requestId(),
            usual.action(),
            usual.contentUrl(),
            usual.category(),
            usual.legalBasis(),
            usual.caseReference(),
            true,
            false,
            usual.requester());

    graph.adapter().submit(emergency);

    graph
        .wm()
        .verify(
            postRequestedFor(urlEqualTo(LEGAL_REQUESTS_PATH))
                .withRequestBody(matchingJsonPath("$.emergency", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.non_disclosure", equalTo("false"))));
  }

  @Test
  void leavesOutRequesterNameAndUnitWhenUnknown() {
    answer(aResponse().withStatus(200).withBodyFile("meta/created.json"));
    SubmitCommand usual = GraphStub.takedown(Category.FRAUD);
    SubmitCommand emailOnly =
        new SubmitCommand(
            usual.requestId(),
            usual.action(),
            usual.contentUrl(),
            usual.category(),
            usual.legalBasis(),
            usual.caseReference(),
            usual.emergency(),
            usual.nonDisclosure(),
            new Requester(null, REQUESTER_EMAIL, null));

    graph.adapter().submit(emailOnly);

    graph
        .wm()
        .verify(
            postRequestedFor(urlEqualTo(LEGAL_REQUESTS_PATH))
                .withRequestBody(
                    matchingJsonPath(
                        "$.requester", equalToJson("{\"email\": \"officer@police.example\"}"))));
  }

  @ParameterizedTest(name = "{0} is sent as {1}")
  @CsvSource({
    "FRAUD, FRAUD_SCAM",
    "SEXTORTION, SEXTORTION",
    "DEFAMATION, BULLYING_HARASSMENT",
    "HARASSMENT, BULLYING_HARASSMENT",
    "THREATS, VIOLENT_THREAT",
    "TERRORISM, TERRORISM",
    "CHILD_SEXUAL_EXPLOITATION, CHILD_EXPLOITATION",
    "HATE_SPEECH, HATE_SPEECH",
    "OTHER, OTHER"
  })
  void mapsEveryGatewayCategoryToMetasViolationType(Category category, String violationType) {
    answer(aResponse().withStatus(200).withBodyFile("meta/created.json"));

    graph.adapter().submit(GraphStub.takedown(category));

    graph
        .wm()
        .verify(
            postRequestedFor(urlEqualTo(LEGAL_REQUESTS_PATH))
                .withRequestBody(matchingJsonPath("$.violation_type", equalTo(violationType))));
  }

  @Test
  void acceptsDuplicateAsTheRequestMetaAlreadyHolds() {
    answer(aResponse().withStatus(200).withBodyFile("meta/duplicate.json"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(new SubmitOutcome.Accepted(PartnerRef.of("1784512345678901"), true), outcome);
  }

  @Test
  void retriesMetaRateLimitErrorSentAsHttp400() {
    answer(
        aResponse()
            .withStatus(400)
            .withHeader(
                "X-Business-Use-Case-Usage",
                "{\"123\":[{\"type\":\"ads_management\",\"call_count\":100,\"total_cputime\":25,"
                    + "\"total_time\":25,\"estimated_time_to_regain_access\":2}]}")
            .withBodyFile("meta/error-rate-limited.json"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals(Optional.of(Duration.ofMinutes(2)), retry.hint());
    assertEquals(
        "Meta error 4 over HTTP 400 (OAuthException, fbtrace_id AbCdEf123): rate limited",
        retry.reason());
  }

  @ParameterizedTest(name = "code {0} over HTTP {1}")
  @CsvSource({"4, 403", "17, 400", "17, 403", "32, 400", "613, 400", "613, 403"})
  void retriesEveryRateLimitCodeWhateverTheHttpStatus(int code, int status) {
    answer(
        aResponse()
            .withStatus(status)
            .withHeader(
                "X-Business-Use-Case-Usage",
                "{\"123\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":5}]}")
            .withBody(graphError(code, false)));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMinutes(5)),
            "Meta error " + code + " over HTTP " + status + " (OAuthException): rate limited"),
        outcome);
  }

  @Test
  void waitsForTheLongestRegainAccessEstimateOverAllBusinessesAndUseCases() {
    answer(
        aResponse()
            .withStatus(403)
            .withHeader(
                "X-Business-Use-Case-Usage",
                "{\"123\":[{\"type\":\"ads_management\",\"estimated_time_to_regain_access\":2},"
                    + "{\"type\":\"pages\",\"estimated_time_to_regain_access\":0}],"
                    + "\"456\":[{\"type\":\"ads_insights\",\"estimated_time_to_regain_access\":17}]}")
            .withBody(graphError(32, false)));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        Optional.of(Duration.ofMinutes(17)),
        assertInstanceOf(PartnerFailure.RetryLater.class, outcome).hint());
  }

  @ParameterizedTest(name = "usage header {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "not json",
        "{\"123\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":0}]}",
        "{\"123\":{\"estimated_time_to_regain_access\":3}}",
        "[2]"
      })
  void leavesTheDelayToBackoffWhenTheUsageHeaderNamesNoWait(String header) {
    ResponseDefinitionBuilder response =
        aResponse().withStatus(400).withBody(graphError(613, false));
    if (!header.isEmpty()) {
      response.withHeader("X-Business-Use-Case-Usage", header);
    }
    answer(response);

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        Optional.empty(), assertInstanceOf(PartnerFailure.RetryLater.class, outcome).hint());
  }

  @Test
  void reportsPartnerUnauthorizedWhenTheAccessTokenIsRefused() {
    answer(aResponse().withStatus(401).withBodyFile("meta/error-token-expired.json"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.Unauthorized(
            "Meta error 190/463 over HTTP 401 (OAuthException, fbtrace_id AbCdEf190):"
                + " access token invalid or expired"),
        outcome);
  }

  @Test
  void rejectsInvalidParameterForGood() {
    answer(aResponse().withStatus(400).withBodyFile("meta/error-invalid-parameter.json"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.Rejected(
            "100",
            "Meta error 100 over HTTP 400 (OAuthException, fbtrace_id AbCdEf100):"
                + " invalid parameter"),
        outcome);
  }

  @Test
  void keepsTokensRequesterAndMetasMessageTextOutOfReasons() {
    for (String file :
        new String[] {"meta/error-invalid-parameter.json", "meta/error-token-expired.json"}) {
      answer(aResponse().withStatus(400).withBodyFile(file));

      String reason = graph.adapter().submit(GraphStub.takedown(Category.FRAUD)).toString();

      assertFalse(reason.contains(ACCESS_TOKEN), reason);
      assertFalse(reason.contains(REQUESTER_EMAIL), reason);
      assertFalse(reason.contains("Invalid parameter"), reason);
      assertFalse(reason.contains("Session has expired"), reason);
    }
  }

  @ParameterizedTest(name = "code {0}, is_transient {1}, over HTTP {2}")
  @CsvSource({
    "1, false, 500",
    "2, false, 503",
    "1, false, 400",
    "2, false, 400",
    "368, true, 400",
    "999, false, 500",
    "999, false, 502"
  })
  void retriesTransientGraphErrorsAndServerErrors(int code, boolean isTransient, int status) {
    answer(aResponse().withStatus(status).withBody(graphError(code, isTransient)));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(
        retry.reason().startsWith("Meta error " + code + " over HTTP " + status), retry.reason());
  }

  @ParameterizedTest(name = "code {0} over HTTP {1}")
  @CsvSource({"200, 403", "10, 403", "803, 404", "368, 400", "2500, 400"})
  void rejectsAnyOtherGraphErrorSentAs4xx(int code, int status) {
    answer(aResponse().withStatus(status).withBody(graphError(code, false)));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.Rejected(
            String.valueOf(code),
            "Meta error " + code + " over HTTP " + status + " (OAuthException)"),
        outcome);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"500", "502", "503", "504"})
  void retriesServerErrorsWhoseBodyIsNoGraphError(int status) {
    answer(aResponse().withStatus(status).withBody("<html><body>Bad Gateway</body></html>"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        PartnerFailure.RetryLater.withoutHint("Meta HTTP " + status + " without a Graph error"),
        outcome);
  }

  @Test
  void retriesHttp429WithoutABody() {
    answer(aResponse().withStatus(429));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        PartnerFailure.RetryLater.withoutHint("Meta HTTP 429 without a Graph error"), outcome);
  }

  @Test
  void retriesHttp429CarryingAGraphErrorOtherThanRateLimit() {
    answer(aResponse().withStatus(429).withBody(graphError(100, false)));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
  }

  @Test
  void reportsPartnerUnauthorizedForHttp401WithoutAGraphError() {
    answer(aResponse().withStatus(401).withBody("Unauthorized"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(new PartnerFailure.Unauthorized("Meta HTTP 401 without a Graph error"), outcome);
  }

  @Test
  void rejectsA4xxWithoutAGraphError() {
    answer(aResponse().withStatus(404).withBody("Not Found"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.Rejected("HTTP 404", "Meta HTTP 404 without a Graph error"), outcome);
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {"''", "{\"id\": \"1784512", "{}", "{\"id\": \"\"}", "[\"1784512345678901\"]"})
  void retriesWhenMetaSaysOkWithoutAReadableId(String body) {
    answer(aResponse().withStatus(200).withBody(body));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Meta HTTP 200 without a readable request id"), outcome);
  }

  @Test
  void doesNotFollowRedirectsWithTheAccessToken() {
    answer(aResponse().withStatus(302).withHeader("Location", "http://elsewhere.example/steal"));

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals(1, graph.wm().getAllServeEvents().size());
  }

  private static void answer(ResponseDefinitionBuilder response) {
    graph.wm().stubFor(post(urlEqualTo(LEGAL_REQUESTS_PATH)).willReturn(response));
  }

  static String graphError(int code, boolean isTransient) {
    return "{\"error\": {\"message\": \"something\", \"type\": \"OAuthException\", \"code\": "
        + code
        + ", \"error_subcode\": 0, \"is_transient\": "
        + isTransient
        + "}}";
  }
}
