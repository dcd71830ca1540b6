package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/** {@code gateway.console.enabled=false}: an API-only gateway, with no console at all. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiOnlyGatewayIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.console.enabled", "false");
  }

  @Test
  void hasNoConsoleAndNoSignIn() {
    assertFalse(context.containsBean(ConsoleSessions.class));
    Api api = new Api(server.getURL(), json);
    Api.Answer console = api.get("/console", TestTokens.get().admin("admin-1"));
    // the security rules still guard the console's addresses: no page, whoever asks
    assertEquals(401, console.status(), console.body());
    assertEquals(404, api.get("/console/sign-in/oidc", null).status());
    assertEquals(200, api.get("/health", null).status());
  }
}
