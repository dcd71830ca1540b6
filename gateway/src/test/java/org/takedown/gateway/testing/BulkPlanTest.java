package org.takedown.gateway.testing;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.takedown.platform.Platform;

/**
 * What the plan tests share: a gateway that sends nothing (so the table stays as the test filled
 * it) on a database of its own, and a request table filled in bulk with copies of one request
 * submitted through the API ({@link Plans#copies}). Subclasses fill it in their {@code BeforeAll}
 * with {@link #copiesOf}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BulkPlanTest implements TestPropertyProvider {

  @Inject protected EmbeddedServer server;
  @Inject protected JsonMapper json;
  @Inject protected TransactionOperations<Connection> transactions;
  protected Plans plans;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  protected Api api() {
    return new Api(server.getURL(), json);
  }

  /**
   * Submits a takedown to {@code platform} and copies its case {@code cases} times with {@code
   * perCase} requests each; returns the submitted request's id.
   */
  protected UUID copiesOf(Platform platform, int cases, int perCase) {
    UUID model = submittedTakedown(platform);
    plans.copies(model, cases, perCase);
    return model;
  }

  /** As {@link #copiesOf}, the copies all PENDING ({@link Plans#backlog}). */
  protected UUID backlogOf(Platform platform, int cases, int perCase) {
    UUID model = submittedTakedown(platform);
    plans.backlog(model, cases, perCase);
    return model;
  }

  private UUID submittedTakedown(Platform platform) {
    plans = new Plans(transactions);
    return new Requests(api()).submitTakedown(platform);
  }
}
