package org.takedown.gateway.custody;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;

/**
 * The calls one port call made to a partner, as its adapter reported them, waiting to be recorded
 * in the custody log in the transaction that records what the call achieved. Each call becomes a
 * {@code partner.request} entry (the exact body sent, or {@code METHOD path?query} for a call
 * without one; actor {@code gateway}) and a {@code partner.answer} entry (the exact body answered,
 * empty when none arrived; actor the partner). Times: a request is stamped when the port call began
 * or when the call before it was answered, an answer when the adapter reported it.
 */
public final class PartnerExchanges implements ExchangeLog {

  private record Timed(PartnerExchange exchange, Instant sentAt, Instant answeredAt) {}

  private final Clock clock;
  private final List<Timed> calls = new ArrayList<>(2);
  private Instant mark;

  private PartnerExchanges(Clock clock) {
    this.clock = clock;
    this.mark = PgTime.micros(clock.instant());
  }

  /** A log for a port call that begins now. */
  public static PartnerExchanges startingNow(Clock clock) {
    return new PartnerExchanges(clock);
  }

  @Override
  public synchronized void exchanged(PartnerExchange exchange) {
    Instant answeredAt = PgTime.micros(clock.instant());
    calls.add(new Timed(exchange, mark, answeredAt));
    mark = answeredAt;
  }

  /** The entries of every call, all about one request. */
  public synchronized List<CustodyEntry> entries(Platform platform, UUID requestId, UUID caseId) {
    List<CustodyEntry> entries = new ArrayList<>(2 * calls.size());
    for (Timed call : calls) {
      add(entries, call, platform, requestId, caseId);
    }
    return entries;
  }

  /**
   * The entries of the calls that asked about {@code ref} (a batch status read concerns each of its
   * references: each gets the call's entries, with the same content), for its request.
   */
  public synchronized List<CustodyEntry> entriesAbout(
      PartnerRef ref, Platform platform, UUID requestId, UUID caseId) {
    List<CustodyEntry> entries = new ArrayList<>(2);
    for (Timed call : calls) {
      List<PartnerRef> refs = call.exchange().refs();
      if (refs.isEmpty() || refs.stream().anyMatch(r -> r.id().equals(ref.id()))) {
        add(entries, call, platform, requestId, caseId);
      }
    }
    return entries;
  }

  private static void add(
      List<CustodyEntry> entries, Timed call, Platform platform, UUID requestId, UUID caseId) {
    PartnerExchange exchange = call.exchange();
    byte[] sent =
        exchange.hasRequestBody()
            ? exchange.requestBody()
            : (exchange.method() + " " + exchange.target()).getBytes(StandardCharsets.UTF_8);
    entries.add(
        new CustodyEntry(
            CustodyKind.PARTNER_REQUEST,
            call.sentAt(),
            requestId,
            caseId,
            platform,
            CustodyEntry.GATEWAY,
            sent));
    entries.add(
        new CustodyEntry(
            CustodyKind.PARTNER_ANSWER,
            call.answeredAt(),
            requestId,
            caseId,
            platform,
            CustodyEntries.actorOf(platform),
            exchange.answerBody()));
  }
}
