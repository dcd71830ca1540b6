package org.takedown.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;

/**
 * Cases flow from intake through PostgreSQL to the partner sandbox, and partners' answers come back
 * as states.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchIT implements TestPropertyProvider {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  final String submitter = TestTokens.get().submitter("e-blagh-triage");
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.max-attempts", "3", "gateway.dispatch.unauthorized-pause", "500ms");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  private List<Map<String, Object>> submit(Map<String, Object> body) {
    Api.Answer answer = api.post("/api/v1/cases", submitter, api.toJson(body));
    assertEquals(201, answer.status(), answer.body());
    return answer.list("requests");
  }

  private Map<String, Object> request(Object id) {
    Api.Answer answer = api.get("/api/v1/requests/" + id, officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private Map<String, Object> awaitStatus(Object id, String status) {
    await().atMost(PATIENCE).until(() -> status.equals(request(id).get("status")));
    return request(id);
  }

  private Map<String, Object> oneMetaItemCase() {
    Map<String, Object> body = Cases.sample();
    body.put(
        "items",
        List.of(Cases.item("https://www.facebook.com/watch/?v=" + System.nanoTime(), "TAKEDOWN")));
    return body;
  }

  @Test
  void deliversEveryRequestOfACaseToItsPartner() {
    List<Map<String, Object>> requests = submit(Cases.sample());

    for (Map<String, Object> created : requests) {
      Map<String, Object> submitted = awaitStatus(created.get("id"), "SUBMITTED");
      assertNotNull(submitted.get("partnerRef"));
      assertEquals(1, submitted.get("attempts"));
      assertNull(submitted.get("nextAttemptAt"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> history = (List<Map<String, Object>>) submitted.get("history");
      assertEquals(2, history.size(), history.toString());
      assertEquals("PENDING", history.get(1).get("from"));
      assertEquals("SUBMITTED", history.get(1).get("to"));
      assertEquals("gateway", history.get(1).get("source"));
    }
    String id = (String) requests.get(3).get("id");
    assertTrue(((String) request(id).get("partnerRef")).startsWith("legalRequests/"));
    assertEquals(1, sandbox.google().createCallsFor(id));
    assertEquals(1, sandbox.tiktok().createCallsFor((String) requests.get(0).get("id")));
    assertEquals(1, sandbox.meta().createCallsFor((String) requests.get(2).get("id")));
  }

  @Test
  void sendsTheCaseInThePartnersDialect() {
    List<Map<String, Object>> requests = submit(Cases.sample("EIB-2024-000777"));
    String id = (String) requests.get(0).get("id");
    awaitStatus(id, "SUBMITTED");

    LoggedRequest create =
        sandbox
            .tiktok()
            .wireMock()
            .findAll(postRequestedFor(urlEqualTo("/v2/legal/requests/")))
            .stream()
            .filter(r -> r.getBodyAsString().contains(id))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) parse(create.getBodyAsString());
    assertEquals("REMOVAL", body.get("request_type"));
    assertEquals(
        "https://tiktok.com/@scam.invest.ma/video/7312345678901234567", body.get("target_url"));
    assertEquals("SEXUAL_EXPLOITATION", body.get("category"));
    assertEquals(
        "Loi 103-13 art. 447-1 (authorisation PR-RABAT-2024-551)", body.get("legal_basis"));
    assertEquals("EIB-2024-000777", body.get("case_reference"));
    assertEquals(false, body.get("is_emergency"));
    assertEquals(true, body.get("non_disclosure"));
    assertEquals(id, body.get("client_reference"));
  }

  private Object parse(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void retriesATransientFailureWithTheSameReference() {
    sandbox
        .meta()
        .failNextCreates(2, 503, MetaSimulator.errorBody(2, "Service temporarily unavailable"));
    String id = (String) submit(oneMetaItemCase()).get(0).get("id");

    Map<String, Object> submitted = awaitStatus(id, "SUBMITTED");

    assertEquals(3, submitted.get("attempts"));
    assertEquals(3, sandbox.meta().createCallsFor(id));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) submitted.get("history");
    assertEquals(4, history.size(), history.toString());
    assertTrue(((String) history.get(1).get("detail")).startsWith("attempt 1 failed"));
    assertEquals("PENDING", history.get(1).get("to"));
  }

  @Test
  void failsARequestThePartnerRejectsForGood() {
    sandbox.meta().failNextCreates(1, 400, MetaSimulator.errorBody(100, "Invalid parameter"));
    String id = (String) submit(oneMetaItemCase()).get(0).get("id");

    Map<String, Object> failed = awaitStatus(id, "FAILED");

    assertEquals(1, sandbox.meta().createCallsFor(id), "a permanent error is never retried");
    assertTrue(((String) failed.get("lastError")).contains("rejected by META"), failed.toString());
  }

  @Test
  void givesUpAfterTheMaximumNumberOfAttempts() {
    sandbox.meta().failNextCreates(3, 500, MetaSimulator.errorBody(1, "An unknown error occurred"));
    String id = (String) submit(oneMetaItemCase()).get(0).get("id");

    Map<String, Object> failed = awaitStatus(id, "FAILED");

    assertEquals(3, sandbox.meta().createCallsFor(id));
    assertTrue(((String) failed.get("lastError")).startsWith("gave up after 3 attempts"));
  }

  @Test
  void sendsAgainWithTheSameReferenceWhenAnAnswerIsLost() {
    sandbox.meta().loseNextCreateResponses(1);
    String id = (String) submit(oneMetaItemCase()).get(0).get("id");

    Map<String, Object> submitted = awaitStatus(id, "SUBMITTED");

    assertEquals(2, sandbox.meta().createCallsFor(id));
    assertEquals(
        sandbox.meta().request(id).orElseThrow().id(),
        submitted.get("partnerRef"),
        "the partner kept one request for the reference");
  }

  @Test
  void keepsRequestsQueuedWhileThePartnerRefusesTheGatewaysCredentials() {
    sandbox
        .meta()
        .failNextCreates(1, 401, MetaSimulator.errorBody(190, "Invalid OAuth access token"));
    String id = (String) submit(oneMetaItemCase()).get(0).get("id");

    Map<String, Object> submitted = awaitStatus(id, "SUBMITTED");

    assertEquals(1, submitted.get("attempts"), "a refused credential is not an attempt");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) submitted.get("history");
    assertTrue(((String) history.get(1).get("detail")).startsWith("not sent"), history.toString());
  }
}
