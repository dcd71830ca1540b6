package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.GoogleSimulator;

/**
 * The poll a Google push asks for is a fact in PostgreSQL before the push is acknowledged: an
 * instance that acknowledges a push and stops before it could poll (here one that never polls)
 * leaves it to the next instance on the database, which polls it at once, not at the request's next
 * scheduled poll an hour later.
 */
class PushDurabilityIT {

  private static final GoogleSimulator GOOGLE = TestGateway.sandbox().google();

  @Test
  void aPushAcknowledgedByAnInstanceThatStopsIsPolledByTheNext() {
    String database = TestDatabase.freshDatabaseUrl();
    String id;
    String operation;
    try (ApplicationContext first = start(database, "gateway.polling.enabled", "false")) {
      CallbackFixture gateway = fixture(first);
      id = gateway.submitted(Cases.freshUrl(Platform.GOOGLE)).id();
      operation = gateway.partnerOperation(id);
      SandboxCallbackTarget callbacks =
          SandboxCallbackTarget.pointAt(first.getBean(EmbeddedServer.class).getURI());
      try {
        GOOGLE.review(id);
        CallbackFixture.awaitDeliveries(GOOGLE, id, 1);
      } finally {
        callbacks.restore();
      }
      assertEquals(0, gateway.googlePolls(id), "the first instance never asked Google");
      assertEquals("SUBMITTED", gateway.request(id).get("status"));
    }

    try (ApplicationContext next = start(database, "gateway.polling.idle-interval", "100ms")) {
      CallbackFixture gateway = fixture(next);
      gateway.awaitStatus(id, "IN_REVIEW");
      gateway.awaitGooglePolls(id, 1);
      assertEquals(operation, gateway.partnerOperation(id));
    }
  }

  private static ApplicationContext start(String database, String... overrides) {
    String[] all = new String[overrides.length + 4];
    all[0] = "gateway.polling.first-after";
    all[1] = "1h";
    all[2] = "gateway.polling.max-interval";
    all[3] = "1h";
    System.arraycopy(overrides, 0, all, 4, overrides.length);
    Map<String, Object> properties = new HashMap<>(TestGateway.propertiesOn(database, all));
    return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
  }

  @SuppressWarnings("unchecked")
  private static CallbackFixture fixture(ApplicationContext context) {
    return new CallbackFixture(
        new Api(context.getBean(EmbeddedServer.class).getURL(), context.getBean(JsonMapper.class)),
        context.getBean(JdbcOperations.class),
        context.getBean(TransactionOperations.class));
  }
}
