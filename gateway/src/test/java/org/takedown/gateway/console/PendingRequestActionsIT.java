package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.console.OfficerConsole.form;
import static org.takedown.gateway.console.RequestActionsPageIT.assertUnchanged;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * A PENDING request's page, on a gateway that does not dispatch (so the request stays PENDING): it
 * can be cancelled, not retried nor extended.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingRequestActionsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplicationContext context;
  Requests requests;
  RequestStates states;
  OfficerConsole officer;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "gateway.polling.enabled", "false");
  }

  @BeforeAll
  void connect() {
    Api api = new Api(server.getURL(), json);
    requests = new Requests(api);
    states = new RequestStates(requests);
    officer =
        new OfficerConsole(
            new ConsoleClient(api), TestConsole.signIn(context, "officer-1", Roles.ADMIN));
  }

  @Test
  void aPendingRequestOffersCancelAndIsCancelledWithTheReason() {
    String id = states.submit(Platform.GOOGLE, "TAKEDOWN");
    assertEquals("PENDING", requests.get(id).get("status"));
    ConsoleClient.Page page = officer.get("/console/requests/" + id).assertHtml(200);
    assertEquals(
        List.of("action-cancel"),
        page.html().select("#request-actions form").stream()
            .map(f -> f.attr("data-testid"))
            .toList());

    ConsoleClient.Page done =
        officer.post(
            "/console/requests/" + id + "/cancel",
            form("reason", "sent by mistake", "confirm", "yes"));

    assertEquals(303, done.status(), done.body());
    Map<String, Object> line = states.lastOfficerLine(id);
    assertEquals("PENDING", line.get("from"));
    assertEquals("CANCELLED", line.get("to"));
    assertEquals("officer-1", line.get("actor"), "an admin acts as itself");
    assertEquals("cancelled by an officer; reason: sent by mistake", line.get("detail"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"retry", "extend-preservation"})
  void aPendingRequestIsNeitherRetriedNorExtended(String action) {
    String id = states.submit(Platform.GOOGLE, "PRESERVATION");
    Map<String, Object> before = requests.get(id);

    ConsoleClient.Page page =
        officer
            .post(
                "/console/requests/" + id + "/" + action,
                form("reason", "why not", "confirm", "yes"))
            .assertHtml(409);

    Element notice = page.one("[data-testid=action-notice]");
    assertEquals("refused", notice.attr("data-outcome"));
    assertTrue(
        page.text("[data-testid=refused-state]").contains("« En attente »"),
        page.text("[data-testid=refused-state]"));
    assertUnchanged(before, requests.get(id));
  }
}
