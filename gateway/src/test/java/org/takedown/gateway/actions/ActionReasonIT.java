package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * The API's optional reason on {@code retry}, {@code cancel} and {@code extend-preservation}: a
 * body {@code {"reason": "..."}} puts it in the officer's history line; a POST without a body acts
 * as before; a bad reason is a 422 naming {@code reason}, and nothing changes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionReasonIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  Requests requests;
  RequestStates states;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    states = new RequestStates(requests);
  }

  private Map<String, Object> lastOfficerLine(String id) {
    return states.lastOfficerLine(id);
  }

  private Api.Answer act(String id, String action, String body) {
    return api.post("/api/v1/requests/" + id + "/" + action, officer, body);
  }

  /** {@link #act} with a body the OpenAPI document does not allow, on purpose. */
  private Api.Answer actInvalid(String id, String action, String body) {
    return api.withInvalidRequest().post("/api/v1/requests/" + id + "/" + action, officer, body);
  }

  @Test
  void eachActionRecordsTheReasonAfterWhatItDid() {
    String failed = states.failed();
    String open = states.submitted(Platform.META, "TAKEDOWN");
    String preserved = states.preserved();

    assertEquals(200, act(failed, "retry", "{\"reason\": \"outage over\"}").status());
    assertEquals(200, act(open, "cancel", "{\"reason\": \"  duplicate of EIB-7  \"}").status());
    Api.Answer extended = act(preserved, "extend-preservation", "{\"reason\": \"court order\"}");
    assertEquals(200, extended.status(), extended.body());

    assertEquals(
        "retried by an officer; attempts reset; reason: outage over",
        lastOfficerLine(failed).get("detail"));
    assertEquals(
        "cancelled by an officer; reason: duplicate of EIB-7", lastOfficerLine(open).get("detail"));
    String extension = (String) lastOfficerLine(preserved).get("detail");
    assertTrue(extension.startsWith("preservation extended to "), extension);
    assertTrue(extension.endsWith("; reason: court order"), extension);
    assertEquals("officer-1", lastOfficerLine(preserved).get("actor"));
  }

  @Test
  void aPostWithoutBodyOrReasonStillActsWithoutAReason() {
    String bare = states.submitted(Platform.TIKTOK, "TAKEDOWN");
    Api.Answer noContentType =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/v1/requests/" + bare + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            officer);
    assertEquals(200, noContentType.status(), noContentType.body());
    assertEquals("cancelled by an officer", lastOfficerLine(bare).get("detail"));

    for (String body : List.of("{}", "{\"reason\": null}", "{\"other\": 1}")) {
      String id = states.submitted(Platform.TIKTOK, "TAKEDOWN");
      // an unknown member is ignored, though the document admits none
      Api.Answer answer = actInvalid(id, "cancel", body);
      assertEquals(200, answer.status(), body + " → " + answer.body());
      assertEquals("cancelled by an officer", lastOfficerLine(id).get("detail"));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"reason": ""}                 | must not be blank
          {"reason": "   "}              | must not be blank
          {"reason": 42}                 | must be a string
          {"reason": ["a"]}              | must be a string
          {"reason": "two\\nlines"}       | must be text without control characters
          """)
  void aBadReasonIsA422NamingItAndNothingChanges(String body, String message) {
    String id = states.submitted(Platform.META, "TAKEDOWN");
    Map<String, Object> before = requests.get(id);

    Api.Answer answer = actInvalid(id, "cancel", body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:validation", answer.json().get("type"));
    assertEquals(List.of(Map.of("field", "reason", "message", message)), answer.list("errors"));
    assertEquals(before.get("status"), requests.get(id).get("status"));
    assertEquals(before.get("history"), requests.get(id).get("history"));
  }

  @Test
  void aReasonOverFiveHundredCharactersIsA422() {
    String id = states.failed();

    Api.Answer answer = actInvalid(id, "retry", "{\"reason\": \"" + "x".repeat(501) + "\"}");

    assertEquals(422, answer.status(), answer.body());
    assertEquals(
        List.of(Map.of("field", "reason", "message", "must be at most 500 characters")),
        answer.list("errors"));
    assertEquals("FAILED", requests.get(id).get("status"));
    assertEquals(
        200, actInvalid(id, "retry", "{\"reason\": \"" + "x".repeat(500) + "\"}").status());
    // five hundred is allowed: the request is sent again (and is not left in flight for the
    // next test)
    requests.awaitStatus(id, "SUBMITTED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"outage\"", "null"})
  void aBodyThatIsNoObjectIsA422(String body) {
    String id = states.submitted(Platform.META, "TAKEDOWN");

    Api.Answer answer = actInvalid(id, "cancel", body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals("SUBMITTED", requests.get(id).get("status"));
  }

  @Test
  void aBodyInAnotherMediaTypeIsA415() {
    String id = states.submitted(Platform.META, "TAKEDOWN");

    Api.Answer answer =
        api.withInvalidRequest()
            .send(
                HttpRequest.newBuilder(api.uri("/api/v1/requests/" + id + "/cancel"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"x\"}")),
                officer);

    assertEquals(415, answer.status(), answer.body());
    assertEquals("SUBMITTED", requests.get(id).get("status"));
  }
}
