package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;
import org.takedown.testing.MutableClock;

/** The service-account token exchange, with a fresh context (and token cache) per test. */
class GoogleTokenTest {

  private static final String CREATE_PATH = "/v1/legalRequests";
  private static final Instant NOW = Instant.parse("2024-06-20T10:00:00Z");
  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");

  @TempDir Path dir;
  private GoogleFixture google;
  private MutableClock clock;
  private ApplicationContext context;
  private GoogleAdapter adapter;

  @BeforeEach
  void start() {
    google = GoogleFixture.start(dir);
    clock = new MutableClock(NOW);
  }

  private GoogleAdapter adapter(Map<String, Object> overrides) {
    context = google.context(overrides, clock);
    adapter = context.getBean(GoogleAdapter.class);
    return adapter;
  }

  private GoogleAdapter adapter() {
    return adapter(Map.of());
  }

  @AfterEach
  void stop() {
    try {
      google.assertNoUnmatchedRequests();
    } finally {
      if (context != null) {
        context.close();
      }
      google.close();
    }
  }

  private void answerCreate(ResponseDefinitionBuilder response) {
    google.wm.stubFor(post(urlPathEqualTo(CREATE_PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder file(int status, String name) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBodyFile("google/" + name);
  }

  private List<String> bearersSentToTheApi() {
    List<String> bearers = new ArrayList<>();
    for (LoggedRequest request : google.wm.findAll(postRequestedFor(urlPathEqualTo(CREATE_PATH)))) {
      bearers.add(request.getHeader("Authorization"));
    }
    return bearers;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] nameValue = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Test
  void signsTheTokenAssertionWithTheServiceAccountKey() throws Exception {
    google.stubToken(GoogleFixture.TOKEN);
    answerCreate(file(200, "operation-received.json"));

    adapter().submit(GoogleFixture.command());

    List<LoggedRequest> tokenRequests = google.tokenRequests();
    assertEquals(1, tokenRequests.size());
    LoggedRequest tokenRequest = tokenRequests.get(0);
    assertTrue(
        tokenRequest.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
    Map<String, String> form = form(tokenRequest.getBodyAsString());
    assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));

    SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
    assertTrue(
        assertion.verify(new RSASSAVerifier(GoogleFixture.key().toRSAPublicKey())),
        "signed with the service account's private key");
    assertEquals(JWSAlgorithm.RS256, assertion.getHeader().getAlgorithm());
    assertEquals(JOSEObjectType.JWT, assertion.getHeader().getType());
    assertEquals(GoogleFixture.KEY_ID, assertion.getHeader().getKeyID());
    JWTClaimsSet claims = assertion.getJWTClaimsSet();
    assertEquals(GoogleFixture.CLIENT_EMAIL, claims.getIssuer());
    assertEquals(List.of(google.wm.baseUrl() + "/token"), claims.getAudience());
    assertEquals(GoogleProperties.DEFAULT_SCOPE, claims.getStringClaim("scope"));
    assertEquals(Date.from(NOW), claims.getIssueTime());
    assertEquals(Date.from(NOW.plusSeconds(3600)), claims.getExpirationTime());
    assertEquals(List.of("Bearer " + GoogleFixture.TOKEN), bearersSentToTheApi());
  }

  @Test
  void asksForTheConfiguredScope() throws Exception {
    google.stubToken(GoogleFixture.TOKEN);
    answerCreate(file(200, "operation-received.json"));

    adapter(
            Map.of(
                "gateway.partners.google.scope", "https://www.googleapis.com/auth/cloud-platform"))
        .submit(GoogleFixture.command());

    SignedJWT assertion =
        SignedJWT.parse(form(google.tokenRequests().get(0).getBodyAsString()).get("assertion"));
    assertEquals(
        "https://www.googleapis.com/auth/cloud-platform",
        assertion.getJWTClaimsSet().getStringClaim("scope"));
  }

  @Test
  void reusesTheTokenUntilTheRefreshMarginBeforeItExpires() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"access_token\": \"ya29.first\", \"expires_in\": 3599}"))
            .willSetStateTo("second"));
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"ya29.second\", \"expires_in\": 3599}")));
    answerCreate(file(200, "operation-received.json"));
    GoogleAdapter adapter = adapter();

    adapter.submit(GoogleFixture.command());
    clock.advance(Duration.ofSeconds(3599 - 300 - 1));
    adapter.submit(GoogleFixture.command());
    clock.advance(Duration.ofSeconds(1));
    adapter.submit(GoogleFixture.command());

    assertEquals(2, google.tokenRequests().size());
    assertEquals(
        List.of("Bearer ya29.first", "Bearer ya29.first", "Bearer ya29.second"),
        bearersSentToTheApi());
  }

  @Test
  void honoursAConfiguredRefreshMargin() {
    google.stubToken(GoogleFixture.TOKEN);
    answerCreate(file(200, "operation-received.json"));
    GoogleAdapter adapter = adapter(Map.of("gateway.partners.google.token-refresh-margin", "10m"));

    adapter.submit(GoogleFixture.command());
    clock.advance(Duration.ofSeconds(3599 - 600 - 1));
    adapter.submit(GoogleFixture.command());
    assertEquals(1, google.tokenRequests().size());
    clock.advance(Duration.ofSeconds(1));
    adapter.submit(GoogleFixture.command());

    assertEquals(2, google.tokenRequests().size());
  }

  @Test
  void concurrentCallsShareOneTokenFetch() throws Exception {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson("{\"access_token\": \"ya29.shared\", \"expires_in\": 3599}")
                    .withFixedDelay(200)));
    answerCreate(file(200, "operation-received.json"));
    GoogleAdapter adapter = adapter();
    int callers = 6;
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<SubmitOutcome> call =
            () -> {
              ready.countDown();
              go.await();
              return adapter.submit(GoogleFixture.command());
            };
        outcomes.add(pool.submit(call));
      }
      ready.await();
      go.countDown();
      for (Future<SubmitOutcome> outcome : outcomes) {
        assertEquals(new SubmitOutcome.Accepted(REF, false), outcome.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, google.tokenRequests().size());
    assertEquals(callers, bearersSentToTheApi().size());
  }

  @Test
  void fetchesANewTokenOnceWhenGoogleAnswersUnauthenticated() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"access_token\": \"ya29.revoked\", \"expires_in\": 3599}"))
            .willSetStateTo("second"));
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"ya29.fresh\", \"expires_in\": 3599}")));
    google.wm.stubFor(
        post(urlPathEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer ya29.revoked"))
            .willReturn(file(401, "error-unauthenticated.json")));
    google.wm.stubFor(
        post(urlPathEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer ya29.fresh"))
            .willReturn(file(200, "operation-received.json")));

    SubmitOutcome outcome = adapter().submit(GoogleFixture.command());

    assertEquals(new SubmitOutcome.Accepted(REF, false), outcome);
    assertEquals(2, google.tokenRequests().size());
    assertEquals(List.of("Bearer ya29.revoked", "Bearer ya29.fresh"), bearersSentToTheApi());
  }

  @Test
  void stopsGoogleWhenAFreshTokenIsUnauthenticatedToo() {
    google.stubToken(GoogleFixture.TOKEN);
    answerCreate(file(401, "error-unauthenticated.json"));

    SubmitOutcome outcome = adapter().submit(GoogleFixture.command());

    assertEquals(
        new PartnerFailure.Unauthorized("Google UNAUTHENTICATED over HTTP 401 with a fresh token"),
        outcome);
    assertEquals(2, google.tokenRequests().size());
    assertEquals(2, bearersSentToTheApi().size());
  }

  @Test
  void stopsGoogleWhenTheTokenEndpointAnswersInvalidGrant() {
    google.stubTokenFailure(
        400, "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}");
    GoogleAdapter adapter = adapter();

    assertEquals(
        new PartnerFailure.Unauthorized("Google token endpoint invalid_grant over HTTP 400"),
        adapter.submit(GoogleFixture.command()));
    assertEquals(
        new PartnerFailure.Unauthorized("Google token endpoint invalid_grant over HTTP 400"),
        adapter.status(REF));
    assertEquals(List.of(), bearersSentToTheApi());
  }

  @Test
  void retriesWhenTheTokenEndpointFailsWithAServerError() {
    google.stubTokenFailure(503, "{\"error\": \"temporarily_unavailable\"}");

    assertEquals(
        PartnerFailure.RetryLater.withoutHint(
            "Google token endpoint temporarily_unavailable over HTTP 503"),
        adapter().submit(GoogleFixture.command()));
  }

  @Test
  void retriesWhenTheTokenEndpointDoesNotAnswerInTime() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson("{\"access_token\": \"ya29.late\", \"expires_in\": 3599}")
                    .withFixedDelay(GoogleFixture.SLOW)));

    SubmitOutcome outcome = adapter(GoogleFixture.IMPATIENT).submit(GoogleFixture.command());

    assertEquals(
        PartnerFailure.RetryLater.withoutHint(
            "no answer from the Google token endpoint (ReadTimeoutException)"),
        outcome);
  }

  @Test
  void retriesWhenTheTokenEndpointResetsTheConnection() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    SubmitOutcome outcome = adapter().submit(GoogleFixture.command());

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertTrue(retry.reason().startsWith("no answer from the Google token endpoint"));
  }

  @Test
  void retriesWhenTheTokenAnswerHoldsNoToken() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token")).willReturn(okJson("{\"token_type\": \"Bearer\"}")));

    assertEquals(
        PartnerFailure.RetryLater.withoutHint(
            "Google token endpoint answered HTTP 200 without a usable token"),
        adapter().submit(GoogleFixture.command()));
  }

  @Test
  void fetchesTokensFromTheKeyFilesTokenUriOnItsOwnHost() {
    WireMockServer oauth = new WireMockServer(options().dynamicPort());
    oauth.start();
    try {
      oauth.stubFor(
          post(urlPathEqualTo("/oauth2/token"))
              .willReturn(okJson("{\"access_token\": \"ya29.remote\", \"expires_in\": 3599}")));
      Path keyFile = dir.resolve("remote-token-uri.json");
      GoogleFixture.writeKeyFile(keyFile, oauth.baseUrl() + "/oauth2/token");
      answerCreate(file(200, "operation-received.json"));

      SubmitOutcome outcome =
          adapter(Map.of("gateway.partners.google.service-account-file", keyFile.toString()))
              .submit(GoogleFixture.command());

      assertEquals(new SubmitOutcome.Accepted(REF, false), outcome);
      assertEquals(1, oauth.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token"))).size());
      assertEquals(List.of("Bearer ya29.remote"), bearersSentToTheApi());
      assertEquals(List.of(), google.tokenRequests());
    } finally {
      oauth.stop();
    }
  }

  @Test
  void refreshesTheTokenForPollsToo() {
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"access_token\": \"ya29.revoked\", \"expires_in\": 3599}"))
            .willSetStateTo("second"));
    google.wm.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"ya29.fresh\", \"expires_in\": 3599}")));
    google.wm.stubFor(
        get(urlPathEqualTo("/v1/operations/lr-8f14e45f"))
            .withHeader("Authorization", equalTo("Bearer ya29.revoked"))
            .willReturn(file(401, "error-unauthenticated.json")));
    google.wm.stubFor(
        get(urlPathEqualTo("/v1/operations/lr-8f14e45f"))
            .withHeader("Authorization", equalTo("Bearer ya29.fresh"))
            .willReturn(file(200, "operation-under-review.json")));

    StatusOutcome outcome = adapter().status(REF);

    assertInstanceOf(StatusOutcome.Known.class, outcome);
    assertEquals(2, google.tokenRequests().size());
  }

  @Test
  void retriesWhenTheTokenEndpointIsThrottled() {
    google.stubTokenFailure(429, "{\"error\": \"rate_limit_exceeded\"}");

    assertEquals(
        new PartnerFailure.RetryLater(
            Optional.empty(), "Google token endpoint rate_limit_exceeded over HTTP 429"),
        adapter().submit(GoogleFixture.command()));
  }
}
