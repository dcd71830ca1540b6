package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private static PartnerSandbox sandbox;
  private final SandboxHttp http = new SandboxHttp();

  @BeforeAll
  static void start() {
    sandbox = PartnerSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  private HttpResponse<String> createAtMeta(String reference) throws Exception {
    return http.postJson(
        sandbox.meta().baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests",
        MetaSimulator.ACCESS_TOKEN,
        toJson(Submissions.meta(reference)));
  }

  private HttpResponse<String> createAtMeta(String reference, String contentUrl) throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>(Submissions.meta(reference));
    body.put("content_url", contentUrl);
    return http.postJson(
        sandbox.meta().baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests",
        MetaSimulator.ACCESS_TOKEN,
        toJson(body));
  }

  private String tiktokToken() throws Exception {
    return (String)
        json(http.postForm(
                sandbox.tiktok().baseUrl() + "/v2/oauth/token/",
                Map.of(
                    "client_key", TikTokSimulator.CLIENT_KEY,
                    "client_secret", TikTokSimulator.CLIENT_SECRET,
                    "grant_type", "client_credentials")))
            .get("access_token");
  }

  private HttpResponse<String> createAtTikTok(String token, String reference) throws Exception {
    return http.postJson(
        sandbox.tiktok().baseUrl() + "/v2/legal/requests/",
        token,
        toJson(Submissions.tiktok(reference)));
  }

  private String googleToken() throws Exception {
    GoogleServiceAccountKey key =
        GoogleServiceAccountKey.read(sandbox.google().serviceAccountFile());
    return (String)
        json(http.postForm(
                key.tokenUri(),
                Map.of(
                    "grant_type",
                    GoogleApi.JWT_BEARER,
                    "assertion",
                    key.sign(key.claims(Instant.now()).build()))))
            .get("access_token");
  }

  private HttpResponse<String> createAtGoogle(String token, String requestId) throws Exception {
    return http.postJson(
        sandbox.google().baseUrl() + "/v1/legalRequests?requestId=" + requestId,
        token,
        toJson(Submissions.google()));
  }

  @Test
  void failedCreatesAnswerTheInjectedErrorThenTheSimulatorAnswersAgain() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String reference = UUID.randomUUID().toString();
    meta.failNextCreates(2, 503, MetaSimulator.errorBody(2, "Service temporarily unavailable"));

    HttpResponse<String> first = createAtMeta(reference);
    HttpResponse<String> second = createAtMeta(reference);
    HttpResponse<String> third = createAtMeta(reference);

    assertEquals(503, first.statusCode());
    assertEquals(2L, object(json(first), "error").get("code"));
    assertEquals(503, second.statusCode());
    assertEquals(200, third.statusCode());
    assertEquals(Map.of("id", meta.request(reference).orElseThrow().id()), json(third));
    assertEquals(3, meta.createCallsFor(reference));
    assertEquals(1, meta.requestCount());
  }

  @Test
  void aFaultAimedAtOneContentIsTakenOnlyByTheCallAboutItAndOnlyOnce() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String aimedUrl = "https://www.facebook.com/watch/?v=4242";
    meta.failNextCreateMentioning(aimedUrl, 400, MetaSimulator.errorBody(100, "Invalid parameter"));
    String other = UUID.randomUUID().toString();
    String aimed = UUID.randomUUID().toString();

    HttpResponse<String> unrelated = createAtMeta(other);
    HttpResponse<String> refused = createAtMeta(aimed, aimedUrl);
    HttpResponse<String> again = createAtMeta(aimed, aimedUrl);

    assertEquals(200, unrelated.statusCode(), "a call about other content is not affected");
    assertEquals(400, refused.statusCode());
    assertEquals(100L, object(json(refused), "error").get("code"));
    assertEquals(200, again.statusCode(), "the aimed fault is spent");
    assertEquals(2, meta.requestCount());
  }

  @Test
  void aLostResponseLeavesTheRequestCreatedAndTheRetryFindsIt() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    String token = tiktokToken();
    String reference = UUID.randomUUID().toString();
    tiktok.loseNextCreateResponses(1);

    assertThrows(IOException.class, () -> createAtTikTok(token, reference));
    assertEquals(1, tiktok.requestCount());

    HttpResponse<String> retry = createAtTikTok(token, reference);
    assertEquals(409, retry.statusCode());
    assertEquals("duplicate_request", object(json(retry), "error").get("code"));
    assertEquals(
        tiktok.request(reference).orElseThrow().id(),
        object(json(retry), "data").get("request_id"));
    assertEquals(2, tiktok.createCallsFor(reference));
  }

  @Test
  void metaRateLimitsWithHttp400Code4AndTheBusinessUseCaseUsageHeader() throws Exception {
    sandbox.meta().rateLimitNextCreates(1, Duration.ofSeconds(90));

    HttpResponse<String> response = createAtMeta(UUID.randomUUID().toString());

    assertEquals(400, response.statusCode());
    assertEquals(4L, object(json(response), "error").get("code"));
    Map<String, Object> usage =
        JSONObjectUtils.parse(
            response.headers().firstValue("X-Business-Use-Case-Usage").orElseThrow());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries =
        (List<Map<String, Object>>) usage.get(MetaSimulator.AGENCY_ID);
    assertEquals(2L, entries.get(0).get("estimated_time_to_regain_access"));
    assertEquals(0, sandbox.meta().requestCount());
  }

  @Test
  void tiktokRateLimitsWith429AndRetryAfter() throws Exception {
    sandbox.tiktok().rateLimitNextCreates(1, Duration.ofSeconds(30));

    HttpResponse<String> response = createAtTikTok(tiktokToken(), UUID.randomUUID().toString());

    assertEquals(429, response.statusCode());
    assertEquals("rate_limit_exceeded", object(json(response), "error").get("code"));
    assertEquals("30", response.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void googleRateLimitsWith429ResourceExhaustedAndRetryInfo() throws Exception {
    sandbox.google().rateLimitNextCreates(1, Duration.ofSeconds(30));

    HttpResponse<String> response = createAtGoogle(googleToken(), UUID.randomUUID().toString());

    assertEquals(429, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals("RESOURCE_EXHAUSTED", error.get("status"));
    @SuppressWarnings("unchecked")
    Map<String, Object> retryInfo = ((List<Map<String, Object>>) error.get("details")).get(0);
    assertEquals("type.googleapis.com/google.rpc.RetryInfo", retryInfo.get("@type"));
    assertEquals("30s", retryInfo.get("retryDelay"));
  }

  @Test
  void aStubATestAddsWinsOverTheSimulatorAndItsCallsCount() throws Exception {
    GoogleSimulator google = sandbox.google();
    String requestId = UUID.randomUUID().toString();
    google
        .wireMock()
        .stubFor(
            post(urlPathEqualTo("/v1/legalRequests"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(503)
                        .withBody(GoogleSimulator.errorBody(503, "UNAVAILABLE", "Try later."))));

    HttpResponse<String> response = createAtGoogle(googleToken(), requestId);

    assertEquals(503, response.statusCode());
    assertEquals(1, google.createCallsFor(requestId));
    assertEquals(0, google.requestCount());
  }

  @Test
  void resetRemovesTheTestsStubsAndFaultsAndKeepsTheSimulator() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    String token = tiktokToken();
    tiktok
        .wireMock()
        .stubFor(
            post(urlPathEqualTo("/v2/legal/requests/")).willReturn(aResponse().withStatus(500)));
    tiktok.failNextCreates(3, 500, TikTokSimulator.errorBody("internal_error", "boom"));
    assertEquals(500, createAtTikTok(token, UUID.randomUUID().toString()).statusCode());

    tiktok.reset();

    String reference = UUID.randomUUID().toString();
    assertEquals(200, createAtTikTok(token, reference).statusCode());
    assertEquals(1, tiktok.createCalls());
    assertEquals(1, tiktok.requestCount());
  }

  @Test
  void queuedFaultsHitExactlyTheirNumberOfConcurrentCalls() throws Exception {
    MetaSimulator meta = sandbox.meta();
    meta.failNextCreates(5, 500, MetaSimulator.errorBody(1, "An unknown error occurred"));

    List<Integer> statuses =
        Concurrently.run(20, i -> createAtMeta(UUID.randomUUID().toString()).statusCode());

    assertEquals(5, statuses.stream().filter(status -> status == 500).count());
    assertEquals(15, statuses.stream().filter(status -> status == 200).count());
    assertEquals(15, meta.requestCount());
    assertEquals(20, meta.createCalls());
  }
}
