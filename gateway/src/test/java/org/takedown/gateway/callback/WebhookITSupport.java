package org.takedown.gateway.callback;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;

/**
 * What every partner's webhook test needs: a gateway with polling off (so only callbacks can move a
 * request), the shared sandbox's callbacks pointed at it for the class and given back after.
 */
abstract class WebhookITSupport implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;

  CallbackFixture gateway;
  Api api;
  private SandboxCallbackTarget callbackTarget;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void pointTheSandboxsCallbacksHere() {
    api = new Api(server.getURL(), json);
    gateway = new CallbackFixture(api, jdbc, transactions);
    callbackTarget = SandboxCallbackTarget.pointAt(server.getURI());
  }

  @AfterAll
  void giveTheSandboxBack() {
    callbackTarget.restore();
  }
}
