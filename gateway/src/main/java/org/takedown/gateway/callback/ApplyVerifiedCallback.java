package org.takedown.gateway.callback;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * A verified callback's updates (Meta's, TikTok's: signed over their bodies), applied in order,
 * each in its own transaction as {@link ApplyPartnerUpdate} does it, with the callback's raw body
 * in the chain of custody: in the transaction of the first update about each request it concerns,
 * or, when it concerns none, in the last update's.
 */
@Singleton
final class ApplyVerifiedCallback {

  private final TransactionOperations<Connection> transactions;
  private final ApplyPartnerUpdate apply;
  private final CustodyLog custody;
  private final Clock clock;

  ApplyVerifiedCallback(
      TransactionOperations<Connection> transactions,
      ApplyPartnerUpdate apply,
      CustodyLog custody,
      Clock clock) {
    this.transactions = transactions;
    this.apply = apply;
    this.custody = custody;
    this.clock = clock;
  }

  /** Applies {@code updates}, received as {@code body}; returns what became of each, in order. */
  List<ApplyPartnerUpdate.Result> receive(
      Platform platform, byte[] body, List<PartnerUpdate> updates) {
    CallbackCustody entries =
        new CallbackCustody(custody, platform, body, PgTime.micros(clock.instant()));
    if (updates.isEmpty()) {
      transactions.executeWrite(
          status -> {
            entries.unmatchedIfNone();
            return null;
          });
      return List.of();
    }
    ApplyPartnerUpdate.Result[] results = new ApplyPartnerUpdate.Result[updates.size()];
    for (int i = 0; i < updates.size(); i++) {
      PartnerUpdate update = updates.get(i);
      boolean last = i == updates.size() - 1;
      results[i] =
          transactions.executeWrite(
              status -> {
                entries.concerns(apply.locate(platform, update.ref()));
                if (last) {
                  entries.unmatchedIfNone();
                }
                return apply.apply(platform, update, HistorySource.PARTNER_CALLBACK);
              });
    }
    return List.of(results);
  }
}
