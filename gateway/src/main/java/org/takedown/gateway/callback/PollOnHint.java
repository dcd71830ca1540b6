package org.takedown.gateway.callback;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.gateway.tracking.PollsDue;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;

/**
 * A partner's hint (a verified Google push): the requests it names are polled at once, and only
 * what the poll answers changes them (GATEWAY-API.md, "Configuration").
 *
 * <p>"At once" is durable and within the partner's budget: in one transaction the message id is
 * remembered and each named request's poll is made due now ({@link ApplyPartnerUpdate#hint}); once
 * that has committed the partner's polling lane is woken, and the webhook answers without waiting
 * for the partner. The poll itself is an ordinary one: claimed by whichever instance polls, under
 * the partner's rate limiter, breaker and pause, so while the partner may not be called it waits,
 * and if this process dies after answering, the poll still happens. A message whose id was received
 * before is a redelivery: acknowledged, nothing triggered.
 */
@Singleton
public final class PollOnHint {

  private static final Logger LOG = LoggerFactory.getLogger(PollOnHint.class);

  private final TransactionOperations<Connection> transactions;
  private final CallbackMessages messages;
  private final ApplyPartnerUpdate apply;
  private final ApplicationEventPublisher<PollsDue> pollsDue;
  private final CustodyLog custody;
  private final Clock clock;

  PollOnHint(
      TransactionOperations<Connection> transactions,
      CallbackMessages messages,
      ApplyPartnerUpdate apply,
      ApplicationEventPublisher<PollsDue> pollsDue,
      CustodyLog custody,
      Clock clock) {
    this.custody = custody;
    this.transactions = transactions;
    this.messages = messages;
    this.apply = apply;
    this.pollsDue = pollsDue;
    this.clock = clock;
  }

  /**
   * Receives one hint; returns what became of each reference it names, in order, or an empty list
   * for a redelivered message.
   */
  public List<ApplyPartnerUpdate.Result> receive(Platform platform, CallbackOutcome.Hint hint) {
    return receive(platform, hint, null);
  }

  /**
   * {@link #receive(Platform, CallbackOutcome.Hint)} for a push that arrived as {@code body}: the
   * raw body goes into the chain of custody in the same transaction, once for each request it
   * names, redeliveries included (each was received), or once with no request when it names none
   * the gateway knows. A null body records nothing.
   */
  public List<ApplyPartnerUpdate.Result> receive(
      Platform platform, CallbackOutcome.Hint hint, byte[] body) {
    List<ApplyPartnerUpdate.Result> results =
        transactions.executeWrite(
            status -> {
              Instant now = PgTime.micros(clock.instant());
              if (body != null) {
                CallbackCustody entries = new CallbackCustody(custody, platform, body, now);
                hint.refs().forEach(ref -> entries.concerns(apply.locate(platform, ref)));
                entries.unmatchedIfNone();
              }
              if (!messages.remember(platform, hint.messageId(), now)) {
                return List.<ApplyPartnerUpdate.Result>of();
              }
              return hint.refs().stream()
                  .map((PartnerRef ref) -> apply.hint(platform, ref))
                  .toList();
            });
    if (results.isEmpty()) {
      LOG.debug("{} message redelivered: acknowledged, nothing triggered", platform);
    } else if (results.contains(ApplyPartnerUpdate.Result.POLL_DUE)) {
      pollsDue.publishEvent(new PollsDue(platform));
    }
    return results;
  }
}
