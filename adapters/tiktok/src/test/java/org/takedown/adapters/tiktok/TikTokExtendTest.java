package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.tiktok.FakeTikTok.FIRST_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.SECOND_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.TOKEN_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.errorEnvelope;
import static org.takedown.adapters.tiktok.FakeTikTok.json;
import static org.takedown.adapters.tiktok.FakeTikTok.jsonBody;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;

/** {@code POST /v2/legal/requests/extend/}, classified like submits. */
class TikTokExtendTest {

  private static final String EXTEND_PATH = "/v2/legal/requests/extend/";
  private static final PartnerRef REF = PartnerRef.of("7301000000000000001");

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void extendsWithTheRequestIdAndBearerTokenUntilTikTokSaysSo() {
    tiktok.issuesTokens();
    answer(json(200, "extended.json"));

    ExtendOutcome outcome = tiktok.adapter().extendPreservation(REF);

    assertEquals(new ExtendOutcome.Extended(Instant.parse("2027-05-01T09:00:00Z")), outcome);
    tiktok.wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(EXTEND_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"request_id\": \"7301000000000000001\"}")));
  }

  @Test
  void refreshesTheTokenOnceWhenTikTokAnswersAccessTokenInvalid() {
    issuesFirstThenSecondToken();
    tiktok.wm.stubFor(
        post(urlEqualTo(EXTEND_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(401, "access-token-invalid.json"))
            .willSetStateTo("refused once"));
    tiktok.wm.stubFor(
        post(urlEqualTo(EXTEND_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs("refused once")
            .willReturn(json(200, "extended.json")));

    ExtendOutcome outcome = tiktok.adapter().extendPreservation(REF);

    assertEquals(new ExtendOutcome.Extended(Instant.parse("2027-05-01T09:00:00Z")), outcome);
    tiktok.verifyTokenRequests(2);
    tiktok.wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(EXTEND_PATH))
            .withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN)));
  }

  @Test
  void stopsTikTokWhenTheNewTokenIsRefusedToo() {
    tiktok.issuesTokens();
    answer(json(401, "access-token-invalid.json"));

    ExtendOutcome outcome = tiktok.adapter().extendPreservation(REF);

    assertEquals(
        new PartnerFailure.Unauthorized(
            "TikTok error access_token_invalid over HTTP 401, also with a new token"),
        outcome);
    tiktok.verifyTokenRequests(2);
    tiktok.wm.verify(exactly(2), postRequestedFor(urlEqualTo(EXTEND_PATH)));
  }

  @Test
  void rejectsAnExtensionTikTokCallsInvalidParams() {
    tiktok.issuesTokens();
    answer(json(400, "invalid-params.json"));

    PartnerFailure.Rejected rejected =
        assertInstanceOf(PartnerFailure.Rejected.class, tiktok.adapter().extendPreservation(REF));

    assertEquals("invalid_params", rejected.partnerCode());
    assertEquals(
        "TikTok error invalid_params over HTTP 400 (log_id 20261102090000PARAMS001)",
        rejected.reason());
  }

  @Test
  void reportsPartnerUnauthorizedWhenTheScopeIsMissing() {
    tiktok.issuesTokens();
    answer(json(403, "scope-not-authorized.json"));

    assertInstanceOf(PartnerFailure.Unauthorized.class, tiktok.adapter().extendPreservation(REF));
    tiktok.verifyTokenRequests(1);
  }

  @Test
  void retriesAfterTikTokRetryAfterWhenRateLimited() {
    tiktok.issuesTokens();
    answer(json(429, "rate-limit-exceeded.json").withHeader("Retry-After", "30"));

    PartnerFailure.RetryLater retry =
        assertInstanceOf(PartnerFailure.RetryLater.class, tiktok.adapter().extendPreservation(REF));

    assertEquals(Optional.of(Duration.ofSeconds(30)), retry.hint());
  }

  @Test
  void retriesWhenTikTokFailsInternally() {
    tiktok.issuesTokens();
    answer(json(500, "internal-error.json"));

    assertInstanceOf(PartnerFailure.RetryLater.class, tiktok.adapter().extendPreservation(REF));
  }

  @Test
  void retriesWhenTikTokSaysOkWithoutTheNewExpiry() {
    tiktok.issuesTokens();
    answer(jsonBody(200, errorEnvelope("ok")));

    assertEquals(
        new PartnerFailure.UnknownOutcome(
            "TikTok answered the extension with no data.preserve_expire_time"),
        tiktok.adapter().extendPreservation(REF));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"})
  void retriesWhenTheAnswerBreaks(Fault fault) {
    tiktok.issuesTokens();
    answer(aResponse().withFault(fault));

    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(
            PartnerFailure.UnknownOutcome.class, tiktok.adapter().extendPreservation(REF));
    assertTrue(retry.reason().endsWith("answer unknown"), retry.reason());
  }

  @Test
  void retriesWhenTikTokGivesAnExpiryBeyondAnyDate() {
    tiktok.issuesTokens();
    answer(
        jsonBody(
            200,
            """
            {"data": {"preserve_expire_time": 9223372036854775807},
             "error": {"code": "ok", "message": "", "log_id": "x"}}
            """));

    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(
            PartnerFailure.UnknownOutcome.class, tiktok.adapter().extendPreservation(REF));
    assertTrue(retry.reason().contains("beyond any date"), retry.reason());
  }

  private void answer(ResponseDefinitionBuilder response) {
    tiktok.wm.stubFor(post(urlEqualTo(EXTEND_PATH)).willReturn(response));
  }

  private void issuesFirstThenSecondToken() {
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "token.json"))
            .willSetStateTo("first issued"));
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("tokens")
            .whenScenarioStateIs("first issued")
            .willReturn(json(200, "token-second.json")));
  }
}
