package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.meta.GraphStub.ACCESS_TOKEN;
import static org.takedown.adapters.meta.MetaAdapterSubmitTest.graphError;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;

/** {@code POST {version}/{id}/extensions}, classified like submits. */
class MetaAdapterExtendTest {

  private static final String ID = "1784512345678901";
  private static final PartnerRef REF = PartnerRef.of(ID);
  private static final String EXTENSIONS_PATH = "/v21.0/" + ID + "/extensions";

  @RegisterExtension static final SharedGraphStub graph = new SharedGraphStub();

  @Test
  void extendsThroughTheExtensionsEdgeWithTheBearerToken() {
    answer(aResponse().withStatus(200).withBodyFile("meta/extended.json"));

    ExtendOutcome outcome = graph.adapter().extendPreservation(REF);

    assertEquals(new ExtendOutcome.Extended(Instant.parse("2024-12-18T08:30:00Z")), outcome);
    graph
        .wm()
        .verify(
            1,
            postRequestedFor(urlEqualTo(EXTENSIONS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void readsGraphsOwnTimestampFormForTheNewEndDate() {
    answer(
        aResponse()
            .withStatus(200)
            .withBody("{\"success\": true, \"preserved_until\": \"2024-12-18T10:30:00+0200\"}"));

    assertEquals(
        new ExtendOutcome.Extended(Instant.parse("2024-12-18T08:30:00Z")),
        graph.adapter().extendPreservation(REF));
  }

  @Test
  void rejectsWhenMetaSaysTheExtensionDidNotSucceed() {
    answer(aResponse().withStatus(200).withBody("{\"success\": false}"));

    assertEquals(
        new PartnerFailure.Rejected(
            "success_false", "Meta HTTP 200 did not extend the preservation"),
        graph.adapter().extendPreservation(REF));
  }

  @ParameterizedTest(name = "body {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "{\"success\": true}",
        "{\"success\": true, \"preserved_until\": \"in 90 days\"}",
        "{\"success\": tr"
      })
  void retriesWhenMetaSaysOkWithoutAReadableEndDate(String body) {
    answer(aResponse().withStatus(200).withBody(body));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Meta HTTP 200 without a readable preserved_until"),
        graph.adapter().extendPreservation(REF));
  }

  @Test
  void rejectsAnUnknownRequestForGood() {
    answer(aResponse().withStatus(400).withBodyFile("meta/error-unknown-object.json"));

    ExtendOutcome outcome = graph.adapter().extendPreservation(REF);

    assertEquals(
        new PartnerFailure.Rejected(
            "100",
            "Meta error 100/33 over HTTP 400 (GraphMethodException, fbtrace_id AbCdEf033):"
                + " invalid parameter"),
        outcome);
  }

  @Test
  void retriesMetaRateLimitErrorSentAsHttp403WithItsRegainDelay() {
    answer(
        aResponse()
            .withStatus(403)
            .withHeader(
                "X-Business-Use-Case-Usage",
                "{\"123\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":3}]}")
            .withBodyFile("meta/error-rate-limited.json"));

    ExtendOutcome outcome = graph.adapter().extendPreservation(REF);

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMinutes(3)),
            "Meta error 4 over HTTP 403 (OAuthException, fbtrace_id AbCdEf123): rate limited"),
        outcome);
  }

  @Test
  void reportsPartnerUnauthorizedWhenTheAccessTokenIsRefused() {
    answer(aResponse().withStatus(401).withBodyFile("meta/error-token-expired.json"));

    ExtendOutcome outcome = graph.adapter().extendPreservation(REF);

    assertEquals(
        new PartnerFailure.Unauthorized(
            "Meta error 190/463 over HTTP 401 (OAuthException, fbtrace_id AbCdEf190):"
                + " access token invalid or expired"),
        outcome);
  }

  @ParameterizedTest(name = "code {0}, is_transient {1}, over HTTP {2}")
  @CsvSource({"2, false, 503", "368, true, 400", "999, false, 500"})
  void retriesTransientGraphErrorsAndServerErrors(int code, boolean isTransient, int status) {
    answer(aResponse().withStatus(status).withBody(graphError(code, isTransient)));

    PartnerFailure.RetryLater retry =
        assertInstanceOf(PartnerFailure.RetryLater.class, graph.adapter().extendPreservation(REF));
    assertTrue(
        retry.reason().startsWith("Meta error " + code + " over HTTP " + status), retry.reason());
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"})
  void retriesWhenTheAnswerBreaks(Fault fault) {
    answer(aResponse().withFault(fault));

    PartnerFailure.UnknownOutcome unknown =
        assertInstanceOf(
            PartnerFailure.UnknownOutcome.class, graph.adapter().extendPreservation(REF));
    assertEquals(Optional.empty(), unknown.hint());
    assertTrue(unknown.reason().startsWith("Meta gave no answer"), unknown.reason());
  }

  private static void answer(ResponseDefinitionBuilder response) {
    graph.wm().stubFor(post(urlEqualTo(EXTENSIONS_PATH)).willReturn(response));
  }
}
