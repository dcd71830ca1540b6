package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
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
 * A partner's callback finds its request through an index, on a table of thousands of requests,
 * whether it names the partner's reference or only its operation (Google): the lookup by operation
 * had no index and read the whole table, each time a callback arrived before its request's answer
 * was recorded.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackLookupPlanIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TransactionOperations<Connection> transactions;
  Plans plans;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void manySubmittedRequests() {
    plans = new Plans(transactions);
    UUID model = new Requests(new Api(server.getURL(), json)).submitTakedown(Platform.GOOGLE);
    plans.copies(model, 2_000, 3);
  }

  @Test
  void findsTheRequestByThePartnersReference() {
    String plan = plans.of(TrackedRequests.BY_PARTNER_REF, List.of("GOOGLE", "ref-17-2"));

    assertTrue(plan.contains("request_by_partner_ref"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void findsTheRequestByThePartnersOperation() {
    String plan = plans.of(TrackedRequests.BY_PARTNER_OPERATION, List.of("GOOGLE", "op-17-2"));

    assertTrue(plan.contains("request_by_partner_operation"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
