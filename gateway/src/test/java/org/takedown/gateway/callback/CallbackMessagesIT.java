package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * The memory of received message ids is durable (PostgreSQL) and bounded: an id is recognised as a
 * redelivery for the retention (7 days, Pub/Sub's longest), then forgotten by the prune.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackMessagesIT implements TestPropertyProvider {

  // well after the real clock, so that the scheduled prune never touches these rows
  private static final Instant RECEIVED = Instant.parse("2090-01-01T00:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(7);

  @Inject CallbackMessages messages;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false", "gateway.dispatch.enabled", "false");
  }

  private boolean remember(Platform platform, String id, Instant at) {
    return transactions.executeWrite(status -> messages.remember(platform, id, at));
  }

  @Test
  void recognisesARedeliveryUntilTheRetentionHasPassedThenForgetsIt() {
    assertTrue(remember(Platform.GOOGLE, "2070443601311540", RECEIVED));
    assertFalse(
        remember(Platform.GOOGLE, "2070443601311540", RECEIVED.plusSeconds(30)), "redelivered");
    assertTrue(remember(Platform.META, "2070443601311540", RECEIVED), "ids are each partner's own");

    assertEquals(0, messages.prune(RECEIVED.plus(RETENTION).minusSeconds(1)));
    assertFalse(remember(Platform.GOOGLE, "2070443601311540", RECEIVED.plus(Duration.ofDays(6))));

    assertEquals(2, messages.prune(RECEIVED.plus(RETENTION).plusSeconds(1)));
    assertTrue(
        remember(Platform.GOOGLE, "2070443601311540", RECEIVED.plus(RETENTION).plusSeconds(2)),
        "forgotten after the retention: new again");
  }
}
