package org.takedown.gateway.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Plans;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * Everyone's event feed (an auditor's) is read in commit order straight from the primary key,
 * (txid, id), on a table of thousands of events: since migration V8 no other index holds that
 * order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFeedPlanIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TransactionOperations<Connection> transactions;
  Plans plans;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void manyEvents() {
    plans = new Plans(transactions);
    UUID model = new Requests(new Api(server.getURL(), json)).submitTakedown(Platform.META);
    // each copied request gets its request.created event from the trigger
    plans.copies(model, 2_000, 3);
    plans.execute("ANALYZE request_event");
  }

  @Test
  void readsEveryonesEventsInThePrimaryKeysOrder() {
    String plan = plans.of(EventFeed.READ, Arrays.asList(null, null, "0", 0L, 50));

    assertTrue(plan.contains("request_event_pkey"), plan);
    assertFalse(plan.contains("Sort"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
