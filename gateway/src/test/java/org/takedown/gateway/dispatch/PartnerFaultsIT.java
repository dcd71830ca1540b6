package org.takedown.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;

/**
 * How the dispatcher meets the ways partners fail: rate-limit codes over odd HTTP statuses, answers
 * that never (fully) arrive, and a partner that hangs. Faults are injected into the sandbox's
 * WireMock servers. Throttling with a hint and refused credentials, which hold a partner for a time
 * of the gateway's clock, are in {@link PartnerHoldsIT}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerFaultsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  Api api;
  Requests requests;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
  }

  @AfterEach
  void clearFaults() {
    sandbox.reset();
  }

  private String submitOne(String url) {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(url, "TAKEDOWN")));
    return (String) requests.submit(body).get(0).get("id");
  }

  private static String tiktokUrl(int n) {
    return "https://www.tiktok.com/@scam.invest.ma/video/73123456789012" + (10000 + n);
  }

  @Test
  void retriesMetaRateLimitCodeFourOverHttp400() {
    sandbox
        .meta()
        .failNextCreates(
            1,
            400,
            MetaSimulator.errorBody(4, "Application request limit reached"),
            Map.of(
                "X-Business-Use-Case-Usage",
                "{\"100000000000001\":[{\"type\":\"legal_requests\",\"call_count\":100,"
                    + "\"estimated_time_to_regain_access\":0}]}"));
    String id = submitOne(Cases.INSTAGRAM_URL);

    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");

    assertEquals(2, submitted.get("attempts"));
    assertEquals(2, sandbox.meta().createCallsFor(id));
    assertTrue(
        requests.history(id).stream()
            .anyMatch(line -> ((String) line.get("detail")).startsWith("attempt 1 failed")),
        "the throttled attempt is in the history");
  }

  @Test
  void retriesAConnectionResetBeforeAnyAnswerWithTheSameReference() {
    failFirstGoogleCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    String id = submitOne(Cases.YOUTUBE_URL);

    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");

    assertEquals(2, sandbox.google().createCallsFor(id), "sent again with the same reference");
    assertEquals(2, submitted.get("attempts"));
  }

  @Test
  void retriesATruncatedAnswerWithTheSameReference() {
    failFirstGoogleCreate(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"name\": \"operations/legal-req"));
    String id = submitOne(Cases.YOUTUBE_URL);

    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");

    assertEquals(2, sandbox.google().createCallsFor(id), "sent again with the same reference");
    assertEquals(1, sandbox.google().requestCount(), "the partner holds one request for it");
    assertEquals(2, submitted.get("attempts"));
  }

  /** The first create call gets {@code fault}; later ones reach the simulator as usual. */
  private void failFirstGoogleCreate(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault) {
    sandbox
        .google()
        .wireMock()
        .stubFor(
            post(urlPathEqualTo("/v1/legalRequests"))
                .atPriority(1)
                .inScenario("first create fails")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed once")
                .willReturn(fault));
  }

  @Test
  void aHangingPartnerDoesNotDelayAnotherPartnersSubmissions() {
    StubMapping hang =
        sandbox
            .meta()
            .wireMock()
            .stubFor(
                post(urlPathMatching(".*/legal_requests"))
                    .atPriority(1)
                    .willReturn(
                        aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"id\": \"1784000000000001\"}")
                            .withFixedDelay(5_000)));
    List<String> meta = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> body = Cases.sample();
      body.put(
          "items",
          List.of(
              Cases.item("https://www.instagram.com/p/Hang" + i + "/", "TAKEDOWN"),
              Cases.item(tiktokUrl(100 + i), "TAKEDOWN"),
              Cases.item("https://www.youtube.com/watch?v=hangTest0" + i, "TAKEDOWN")));
      for (Map<String, Object> request : requests.submit(body)) {
        (request.get("platform").equals("META") ? meta : others).add((String) request.get("id"));
      }
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                others.stream().allMatch(id -> "SUBMITTED".equals(requests.get(id).get("status"))));
    assertTrue(
        meta.stream().allMatch(id -> "PENDING".equals(requests.get(id).get("status"))),
        "Meta still hangs while TikTok and Google have their requests");
    List<Long> latencies = new ArrayList<>();
    for (String id : others) {
      Map<String, Object> request = requests.get(id);
      latencies.add(
          Duration.between(
                  Instant.parse((String) request.get("createdAt")),
                  Instant.parse((String) request.get("updatedAt")))
              .toMillis());
    }
    latencies.sort(null);
    System.out.printf(
        "hanging partner: median submission latency of the healthy partners %d ms (max %d ms)"
            + " while Meta took 5 s per call%n",
        latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    sandbox.meta().wireMock().removeStub(hang);
    for (String id : meta) {
      requests.awaitStatus(id, "SUBMITTED");
    }
  }
}
