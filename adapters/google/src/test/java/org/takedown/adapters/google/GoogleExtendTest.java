package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;

/** {@code POST /v1/legalRequests/123:extendPreservation}, classified like submits. */
class GoogleExtendTest {

  private static final String EXTEND_PATH = "/v1/legalRequests/123:extendPreservation";
  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");

  @TempDir Path dir;
  private GoogleFixture google;
  private ApplicationContext context;
  private GoogleAdapter adapter;

  @BeforeEach
  void start() {
    google = GoogleFixture.start(dir);
    google.stubToken(GoogleFixture.TOKEN);
    context = google.context();
    adapter = context.getBean(GoogleAdapter.class);
  }

  @AfterEach
  void stop() {
    try {
      google.assertNoUnmatchedRequests();
    } finally {
      context.close();
      google.close();
    }
  }

  @Test
  void extendsTheLegalRequestWithTheAccessTokenUntilGoogleSaysSo() {
    answer(file(200, "legal-request-extended.json"));

    ExtendOutcome outcome = adapter.extendPreservation(REF);

    assertEquals(new ExtendOutcome.Extended(Instant.parse("2024-12-18T09:15:00Z")), outcome);
    google.wm.verify(
        1,
        postRequestedFor(urlEqualTo(EXTEND_PATH))
            .withHeader("Authorization", equalTo("Bearer " + GoogleFixture.TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{}")));
  }

  @Test
  void fetchesAFreshTokenOnceWhenGoogleAnswersUnauthenticated() {
    google.wm.stubFor(
        post(urlEqualTo(EXTEND_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(file(401, "error-unauthenticated.json"))
            .willSetStateTo("refused once"));
    google.wm.stubFor(
        post(urlEqualTo(EXTEND_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs("refused once")
            .willReturn(file(200, "legal-request-extended.json")));

    ExtendOutcome outcome = adapter.extendPreservation(REF);

    assertEquals(new ExtendOutcome.Extended(Instant.parse("2024-12-18T09:15:00Z")), outcome);
    assertEquals(2, google.tokenRequests().size());
  }

  @Test
  void stopsGoogleWhenAFreshTokenIsRefusedToo() {
    answer(file(401, "error-unauthenticated.json"));

    ExtendOutcome outcome = adapter.extendPreservation(REF);

    assertEquals(
        new PartnerFailure.Unauthorized("Google UNAUTHENTICATED over HTTP 401 with a fresh token"),
        outcome);
    assertEquals(2, google.tokenRequests().size());
  }

  @Test
  void stopsGoogleWhenTheExtensionIsDenied() {
    answer(file(403, "error-permission-denied.json"));

    assertEquals(
        new PartnerFailure.Unauthorized("Google PERMISSION_DENIED over HTTP 403"),
        adapter.extendPreservation(REF));
  }

  @Test
  void rejectsAnInvalidArgumentForGood() {
    answer(file(400, "error-invalid-argument.json"));

    assertEquals(
        new PartnerFailure.Rejected("INVALID_ARGUMENT", "Google INVALID_ARGUMENT over HTTP 400"),
        adapter.extendPreservation(REF));
  }

  @Test
  void rejectsALegalRequestGoogleDoesNotKnow() {
    answer(file(404, "error-not-found.json"));

    assertEquals(
        new PartnerFailure.Rejected("NOT_FOUND", "Google NOT_FOUND over HTTP 404"),
        adapter.extendPreservation(REF));
  }

  @Test
  void retriesAThrottledExtensionAfterGooglesRetryInfoDelay() {
    answer(file(429, "error-resource-exhausted.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofSeconds(30)), "Google RESOURCE_EXHAUSTED over HTTP 429"),
        adapter.extendPreservation(REF));
  }

  @Test
  void retriesWhileGoogleIsUnavailable() {
    answer(file(503, "error-unavailable.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMillis(1500)), "Google UNAVAILABLE over HTTP 503"),
        adapter.extendPreservation(REF));
  }

  @Test
  void retriesWhenGoogleSaysOkWithoutAReadableEndDate() {
    answer(okJson("{\"name\": \"legalRequests/123\", \"preserveUntil\": \"next spring\"}"));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Google extension answer lacks a readable preserveUntil"),
        adapter.extendPreservation(REF));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"})
  void retriesWhenTheAnswerBreaks(Fault fault) {
    answer(aResponse().withFault(fault));

    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, adapter.extendPreservation(REF));
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(retry.reason().startsWith("no answer from Google ("), retry.reason());
  }

  @Test
  void refusesToExtendAReferenceThatIsNotAResourceName() {
    ExtendOutcome outcome = adapter.extendPreservation(PartnerRef.of("legalRequests/../admin"));

    assertEquals(
        new PartnerFailure.Rejected(
            "INVALID_NAME", "Google reference legalRequests/../admin is not a legal request name"),
        outcome);
    assertEquals(0, google.wm.getAllServeEvents().size());
  }

  private void answer(ResponseDefinitionBuilder response) {
    google.wm.stubFor(post(urlEqualTo(EXTEND_PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder file(int status, String name) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBodyFile("google/" + name);
  }
}
