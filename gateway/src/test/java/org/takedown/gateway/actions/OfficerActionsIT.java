package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Refusals;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;

/** Officers retry, cancel and extend; every action is checked against the state and recorded. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerActionsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  Api api;
  Requests requests;
  final PartnerSandbox sandbox = TestGateway.sandbox();

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
  }

  private String oneMetaRequest() {
    return metaRequestAbout(Cases.freshUrl(Platform.META));
  }

  private String metaRequestAbout(String url) {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(url, "TAKEDOWN")));
    return (String) requests.submit(body).get(0).get("id");
  }

  @Test
  void retriesAFailedRequestWithTheSameReference() {
    String id = metaRequestAbout(Refusals.metaRefuses());
    requests.awaitStatus(id, "FAILED");

    Api.Answer retried = requests.act(id, "retry");

    assertEquals(200, retried.status(), retried.body());
    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");
    assertEquals(1, submitted.get("attempts"), "attempts were reset");
    assertEquals(2, sandbox.meta().createCallsFor(id), "the partner saw the same reference again");
    Map<String, Object> retryLine =
        requests.history(id).stream()
            .filter(h -> "officer".equals(h.get("source")))
            .findFirst()
            .orElseThrow();
    assertEquals("FAILED", retryLine.get("from"));
    assertEquals("PENDING", retryLine.get("to"));
    assertEquals("officer-1", retryLine.get("actor"));
  }

  @Test
  void refusesToRetryARequestThatHasNotFailed() {
    String id = oneMetaRequest();
    requests.awaitStatus(id, "SUBMITTED");

    Api.Answer answer = requests.act(id, "retry");

    assertEquals(409, answer.status());
    assertEquals("urn:takedown-gateway:problem:state-conflict", answer.json().get("type"));
  }

  @Test
  void cancelsAnOpenRequestAndStillRecordsALaterPartnerCompletion() {
    String id = oneMetaRequest();
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");

    Api.Answer cancelled = requests.act(id, "cancel");
    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("CANCELLED", cancelled.json().get("status"));
    assertEquals(409, requests.act(id, "cancel").status(), "a cancelled request stays cancelled");

    apply.apply(
        Platform.META,
        new PartnerUpdate(
            PartnerRef.of(partnerRef),
            PartnerState.COMPLETED,
            Outcome.REMOVED,
            null,
            Instant.now(),
            "Meta status COMPLETED, outcome CONTENT_REMOVED"),
        HistorySource.PARTNER_CALLBACK);

    Map<String, Object> after = requests.get(id);
    assertEquals("CANCELLED", after.get("status"));
    List<Map<String, Object>> history = requests.history(id);
    Map<String, Object> last = history.get(history.size() - 1);
    assertEquals("partner-callback", last.get("source"));
    assertTrue(((String) last.get("detail")).contains("COMPLETED/REMOVED"), last.toString());
  }

  @Test
  void refusesToExtendARequestThatPreservesNothing() {
    String id = oneMetaRequest();
    requests.awaitStatus(id, "SUBMITTED");

    Api.Answer answer = requests.act(id, "extend-preservation");

    assertEquals(409, answer.status(), answer.body());
  }

  @Test
  void letsOnlyOfficersAct() {
    String id = oneMetaRequest();
    Api.Answer bySubmitter =
        api.post(
            "/api/v1/requests/" + id + "/cancel", TestTokens.get().submitter("e-blagh-triage"), "");
    assertEquals(403, bySubmitter.status());
    assertEquals(
        404,
        requests.act("00000000-0000-0000-0000-000000000000", "cancel").status(),
        "an unknown request");
  }
}
