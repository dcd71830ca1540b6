package org.takedown.gateway.callback;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.Platform;

/**
 * The ids of the partner messages received (Google's Pub/Sub {@code messageId}), so that a
 * redelivery, which Pub/Sub makes at least once, is recognised and triggers nothing new. Kept in
 * PostgreSQL, so that every instance and every restart knows them, for {@code
 * gateway.callbacks.message-retention} (7 days, the longest Pub/Sub keeps an unacknowledged
 * message), then pruned.
 */
@Singleton
final class CallbackMessages {

  static final String RETENTION = "${gateway.callbacks.message-retention:7d}";

  private static final Logger LOG = LoggerFactory.getLogger(CallbackMessages.class);

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final Duration retention;

  CallbackMessages(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Value(RETENTION) Duration retention) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Remembers {@code messageId} of {@code platform}, received at {@code now}; false when it was
   * remembered already (a redelivery). Joins the caller's transaction: when that rolls back, the
   * message is not remembered, and its redelivery is received as new.
   */
  boolean remember(Platform platform, String messageId, Instant now) {
    int inserted =
        jdbc.prepareStatement(
            "INSERT INTO callback_message (platform, message_id, received_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (platform, message_id) DO NOTHING",
            statement -> {
              statement.setString(1, platform.name());
              statement.setString(2, messageId);
              PgTime.set(statement, 3, now);
              return statement.executeUpdate();
            });
    return inserted == 1;
  }

  /** Forgets the messages received more than the retention before {@code now}; how many. */
  int prune(Instant now) {
    Instant before = now.minus(retention);
    return transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "DELETE FROM callback_message WHERE received_at < ?",
                statement -> {
                  PgTime.set(statement, 1, before);
                  return statement.executeUpdate();
                }));
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "1m")
  void scheduledPrune() {
    try {
      int pruned = prune(PgTime.micros(clock.instant()));
      LOG.debug("forgot {} callback message ids older than {}", pruned, retention);
    } catch (RuntimeException e) {
      LOG.warn("callback message ids could not be pruned: {}", e.getMessage());
    }
  }
}
