package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
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
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;

class GoogleSubmitTest {

  private static final String CREATE_PATH = "/v1/legalRequests";
  private static final String REQUEST_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");

  @RegisterExtension static final SharedGoogleAdapter google = new SharedGoogleAdapter();

  private static void answerCreate(ResponseDefinitionBuilder response) {
    google.wm().stubFor(post(urlPathEqualTo(CREATE_PATH)).willReturn(response));
  }

  private static int createCalls() {
    return google.wm().findAll(postRequestedFor(urlPathEqualTo(CREATE_PATH))).size();
  }

  @Test
  void isTheGooglePlatform() {
    assertEquals(Platform.GOOGLE, google.adapter().platform());
  }

  @Test
  void createsTheLegalRequestKeyedByTheGatewayRequestId() {
    answerCreate(GoogleFixture.jsonFile(200, "operation-received.json"));

    SubmitOutcome outcome = google.adapter().submit(GoogleFixture.command());

    assertEquals(new SubmitOutcome.Accepted(REF, false), outcome);
    google
        .wm()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo(CREATE_PATH))
                .withQueryParam("requestId", equalTo(REQUEST_ID))
                .withHeader("Authorization", equalTo("Bearer " + GoogleFixture.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(
                    equalToJson(
                        """
                    {
                      "requestType": "REMOVAL",
                      "contentUri": "https://youtube.com/watch?v=dQw4w9WgXcQ",
                      "product": "YOUTUBE",
                      "category": "SEXUAL_EXTORTION",
                      "legalBasis": "Loi 103-13 art. 447-1 (authorisation PR-RABAT-2024-551)",
                      "caseReference": "EIB-2024-000123",
                      "emergency": true,
                      "nonDisclosure": true,
                      "contact": {
                        "name": "Officer One",
                        "email": "officer.one@police.example",
                        "unit": "BNPJ / Brigade technique"
                      }
                    }
                    """)));
  }

  @Test
  void sendsAPreservationAsRequestTypePreservation() {
    answerCreate(GoogleFixture.jsonFile(200, "operation-received.json"));

    google
        .adapter()
        .submit(
            GoogleFixture.command(
                "https://drive.google.com/file/d/1aB/view", Category.FRAUD, Action.PRESERVATION));

    google
        .wm()
        .verify(
            postRequestedFor(urlPathEqualTo(CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.requestType", equalTo("PRESERVATION"))));
  }

  @Test
  void leavesOutTheContactFieldsTheRequesterDidNotGive() {
    answerCreate(GoogleFixture.jsonFile(200, "operation-received.json"));
    SubmitCommand full = GoogleFixture.command();

    google
        .adapter()
        .submit(
            new SubmitCommand(
                full.requestId(),
                full.action(),
                full.contentUrl(),
                full.category(),
                full.legalBasis(),
                full.caseReference(),
                false,
                false,
                new Requester(null, GoogleFixture.OFFICER_EMAIL, null)));

    google
        .wm()
        .verify(
            postRequestedFor(urlPathEqualTo(CREATE_PATH))
                .withRequestBody(
                    equalToJson(
                        """
                    {"emergency": false, "nonDisclosure": false,
                     "contact": {"email": "officer.one@police.example"}}
                    """,
                        false,
                        true)));
  }

  @ParameterizedTest(name = "{0} is sent as {1}")
  @CsvSource({
    "FRAUD, FINANCIAL_SCAM",
    "SEXTORTION, SEXUAL_EXTORTION",
    "DEFAMATION, HARASSMENT",
    "HARASSMENT, HARASSMENT",
    "THREATS, THREATS",
    "TERRORISM, VIOLENT_EXTREMISM",
    "CHILD_SEXUAL_EXPLOITATION, CSAM",
    "HATE_SPEECH, HATE",
    "OTHER, OTHER"
  })
  void mapsEveryGatewayCategoryToGooglesTaxonomy(Category category, String googleCategory) {
    answerCreate(GoogleFixture.jsonFile(200, "operation-received.json"));

    google
        .adapter()
        .submit(GoogleFixture.command("https://youtu.be/dQw4w9WgXcQ", category, Action.TAKEDOWN));

    google
        .wm()
        .verify(
            postRequestedFor(urlPathEqualTo(CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.category", equalTo(googleCategory))));
  }

  @ParameterizedTest(name = "{0} is product {1}")
  @CsvSource({
    "https://youtube.com/watch?v=dQw4w9WgXcQ, YOUTUBE",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ, YOUTUBE",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ, YOUTUBE",
    "https://youtu.be/dQw4w9WgXcQ, YOUTUBE",
    "https://blogger.com/profile/0123456789, BLOGGER",
    "https://some-blog.blogspot.com/2024/06/post.html, BLOGGER",
    "https://drive.google.com/file/d/1aBcD/view, DRIVE",
    "https://docs.google.com/document/d/1aBcD/edit, DRIVE",
    "https://maps.google.com/?cid=123456, MAPS",
    "https://maps.app.goo.gl/AbCdEf, MAPS",
    "https://play.google.com/store/apps/details?id=com.example.app, PLAY",
    "https://www.google.com/search?q=x, OTHER",
    "https://notyoutube.com/watch?v=x, OTHER",
    "https://blogspot.com.example.net/post, OTHER"
  })
  void derivesTheProductFromTheContentHost(String contentUrl, String product) {
    answerCreate(GoogleFixture.jsonFile(200, "operation-received.json"));

    google.adapter().submit(GoogleFixture.command(contentUrl, Category.OTHER, Action.TAKEDOWN));

    google
        .wm()
        .verify(
            postRequestedFor(urlPathEqualTo(CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.contentUri", equalTo(contentUrl)))
                .withRequestBody(matchingJsonPath("$.product", equalTo(product))));
  }

  @Test
  void acceptsAnOperationGoogleAlreadyFinishedForTheSameRequestId() {
    answerCreate(GoogleFixture.jsonFile(200, "operation-resolved-removed.json"));

    assertEquals(
        new SubmitOutcome.Accepted(REF, false), google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void rejectsACreateAnsweredWithAFailedOperation() {
    answerCreate(GoogleFixture.jsonFile(200, "operation-failed.json"));

    assertEquals(
        new PartnerFailure.Rejected(
            "INVALID_ARGUMENT", "Google operation failed: INVALID_ARGUMENT (code 3)"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesResourceExhaustedAfterGooglesRetryInfoDelay() {
    answerCreate(GoogleFixture.jsonFile(429, "error-resource-exhausted.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofSeconds(30)), "Google RESOURCE_EXHAUSTED over HTTP 429"),
        google.adapter().submit(GoogleFixture.command()));
    assertEquals(1, createCalls());
  }

  @Test
  void retriesUnavailableAfterAFractionalRetryInfoDelay() {
    answerCreate(GoogleFixture.jsonFile(503, "error-unavailable.json"));

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.of(Duration.ofMillis(1500)), "Google UNAVAILABLE over HTTP 503"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesAnInternalErrorWithoutADelayHint() {
    answerCreate(GoogleFixture.jsonFile(500, "error-internal.json"));

    assertEquals(
        PartnerFailure.RetryLater.withoutHint("Google INTERNAL over HTTP 500"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesAGatewayErrorPageThatCarriesNoGoogleEnvelope() {
    answerCreate(
        aResponse()
            .withStatus(502)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><body>502 Bad Gateway</body></html>"));

    assertEquals(
        PartnerFailure.RetryLater.withoutHint("Google HTTP 502 without an error status"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void stopsGoogleWhenPermissionIsDenied() {
    answerCreate(GoogleFixture.jsonFile(403, "error-permission-denied.json"));

    assertEquals(
        new PartnerFailure.Unauthorized("Google PERMISSION_DENIED over HTTP 403"),
        google.adapter().submit(GoogleFixture.command()));
    assertEquals(1, createCalls());
  }

  @Test
  void rejectsAnInvalidArgumentWithoutEchoingGooglesMessage() {
    answerCreate(GoogleFixture.jsonFile(400, "error-invalid-argument.json"));

    SubmitOutcome outcome = google.adapter().submit(GoogleFixture.command());

    assertEquals(
        new PartnerFailure.Rejected("INVALID_ARGUMENT", "Google INVALID_ARGUMENT over HTTP 400"),
        outcome);
    assertFalse(outcome.toString().contains(GoogleFixture.OFFICER_EMAIL));
  }

  @Test
  void rejectsNotFound() {
    answerCreate(GoogleFixture.jsonFile(404, "error-not-found.json"));

    assertEquals(
        new PartnerFailure.Rejected("NOT_FOUND", "Google NOT_FOUND over HTTP 404"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesWhenTheAnswerDoesNotArriveWithinTheReadTimeout() {
    answerCreate(
        GoogleFixture.jsonFile(200, "operation-received.json").withFixedDelay(GoogleFixture.SLOW));

    try (ApplicationContext impatient = google.context(GoogleFixture.IMPATIENT)) {
      SubmitOutcome outcome =
          impatient.getBean(GoogleAdapter.class).submit(GoogleFixture.command());

      NoAnswerAssertions.assertNoAnswer(outcome);
    }
    assertEquals(1, createCalls());
  }

  @Test
  void retriesWhenTheConnectionIsReset() {
    answerCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    NoAnswerAssertions.assertNoAnswer(google.adapter().submit(GoogleFixture.command()));
    assertEquals(1, createCalls());
  }

  @Test
  void retriesWhenTheAnswerIsCutOffMidBody() {
    answerCreate(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    SubmitOutcome outcome = google.adapter().submit(GoogleFixture.command());

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals(1, createCalls());
  }

  @Test
  void retriesWhenASuccessfulAnswerIsNotJson() {
    answerCreate(okJson("{\"name\": \"operations/lr-8f14e45f\", \"metadata\": {"));

    assertEquals(
        new PartnerFailure.UnknownOutcome("Google answer over HTTP 200 could not be read"),
        google.adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesWhenTheOperationLacksTheLegalRequestName() {
    answerCreate(okJson("{\"name\": \"operations/lr-8f14e45f\", \"done\": false}"));

    SubmitOutcome outcome = google.adapter().submit(GoogleFixture.command());

    assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
  }

  @Test
  void retriesWhenGoogleCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ApplicationContext unreachable =
        google.context(
            Map.of("gateway.partners.google.base-url", "http://127.0.0.1:" + closedPort))) {
      SubmitOutcome outcome =
          unreachable.getBean(GoogleAdapter.class).submit(GoogleFixture.command());

      NoAnswerAssertions.assertNoAnswer(outcome);
    }
  }

  @Test
  void callsGoogleUnderTheBaseUrlsPath() {
    google
        .wm()
        .stubFor(
            post(urlPathEqualTo("/google" + CREATE_PATH))
                .willReturn(GoogleFixture.jsonFile(200, "operation-received.json")));
    try (ApplicationContext prefixed =
        google.context(
            Map.of("gateway.partners.google.base-url", google.wm().baseUrl() + "/google"))) {
      SubmitOutcome outcome = prefixed.getBean(GoogleAdapter.class).submit(GoogleFixture.command());

      assertEquals(new SubmitOutcome.Accepted(REF, false), outcome);
    }
    google.wm().verify(1, postRequestedFor(urlPathEqualTo("/google" + CREATE_PATH)));
  }
}
