package org.takedown.gateway.console.browser;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;

/**
 * What the journeys of an officer acting on requests share: a gateway that polls the sandbox
 * quickly (so that a request reaches the state a journey needs within a second), and the fixtures
 * that put requests in those states through the API.
 */
abstract class OfficerActionJourney implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  Requests requests;
  RequestStates states;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
    states = new RequestStates(requests);
  }
}
