package org.takedown.platform;

import java.time.Duration;
import java.util.List;

/**
 * One platform's law-enforcement request API, in the gateway's terms. Implementations speak the
 * platform's dialect (auth, envelopes, errors) and classify every answer; partner DTOs, HTTP
 * exceptions and token types never cross this interface.
 *
 * <p>Implementations are thread-safe and blocking; callers run them on worker threads. Every answer
 * that is not a success is one of the port's {@link PartnerFailure}s.
 */
public interface PlatformAdapter {

  Platform platform();

  /**
   * The longest one call of this port can take (a submit, a status read of one reference, an
   * extension), every partner exchange it makes included: a token grant, the call, and the retry
   * with a fresh token where the partner has one, each within the adapter's own timeouts. The
   * gateway's dispatch lease must outlast it, or a second dispatcher could send a request while the
   * first still waits for its answer.
   */
  Duration longestCall();

  /**
   * Sends one request. Idempotent on {@link SubmitCommand#requestId()}. Never throws for I/O.
   * Reports each call it makes to {@code exchanges}.
   */
  SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges);

  /** {@link #submit(SubmitCommand, ExchangeLog)}, its calls reported nowhere. */
  default SubmitOutcome submit(SubmitCommand command) {
    return submit(command, ExchangeLog.NONE);
  }

  /**
   * Reads where one request stands at the partner. Never throws for I/O. Reports each call it makes
   * to {@code exchanges}.
   */
  StatusOutcome status(PartnerRef ref, ExchangeLog exchanges);

  /** {@link #status(PartnerRef, ExchangeLog)}, its calls reported nowhere. */
  default StatusOutcome status(PartnerRef ref) {
    return status(ref, ExchangeLog.NONE);
  }

  /** How many references {@link #statuses} accepts in one call. */
  default int statusBatchLimit() {
    return 1;
  }

  /**
   * Reads where several requests stand, in one partner call where the partner allows it; the
   * answers are in the order of {@code refs}. At most {@link #statusBatchLimit()} references.
   */
  default List<StatusOutcome> statuses(List<PartnerRef> refs) {
    return statuses(refs, ExchangeLog.NONE);
  }

  /**
   * {@link #statuses(List)}, reporting each call it makes to {@code exchanges}; each exchange names
   * the references it asked about ({@link PartnerExchange#refs()}).
   */
  default List<StatusOutcome> statuses(List<PartnerRef> refs, ExchangeLog exchanges) {
    if (refs.size() > statusBatchLimit()) {
      throw new IllegalArgumentException(
          "at most " + statusBatchLimit() + " references per call, got " + refs.size());
    }
    return refs.stream().map(ref -> status(ref, exchanges)).toList();
  }

  /**
   * Asks the partner to keep preserved data longer (90 days more). Never throws for I/O. Reports
   * each call it makes to {@code exchanges}.
   */
  ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges);

  /** {@link #extendPreservation(PartnerRef, ExchangeLog)}, its calls reported nowhere. */
  default ExtendOutcome extendPreservation(PartnerRef ref) {
    return extendPreservation(ref, ExchangeLog.NONE);
  }
}
