package org.takedown.platform;

import java.util.List;

/**
 * One platform's law-enforcement request API, in the gateway's terms. Implementations speak the
 * platform's dialect (auth, envelopes, errors) and classify every answer; partner DTOs, HTTP
 * exceptions and token types never cross this interface.
 *
 * <p>Implementations are thread-safe and blocking; callers run them on worker threads.
 */
public interface PlatformAdapter {

  Platform platform();

  /** Sends one request. Idempotent on {@link SubmitCommand#requestId()}. Never throws for I/O. */
  SubmitOutcome submit(SubmitCommand command);

  /** Reads where one request stands at the partner. Never throws for I/O. */
  StatusOutcome status(PartnerRef ref);

  /** How many references {@link #statuses} accepts in one call. */
  default int statusBatchLimit() {
    return 1;
  }

  /**
   * Reads where several requests stand, in one partner call where the partner allows it; the
   * answers are in the order of {@code refs}. At most {@link #statusBatchLimit()} references.
   */
  default List<StatusOutcome> statuses(List<PartnerRef> refs) {
    if (refs.size() > statusBatchLimit()) {
      throw new IllegalArgumentException(
          "at most " + statusBatchLimit() + " references per call, got " + refs.size());
    }
    return refs.stream().map(this::status).toList();
  }

  /** Asks the partner to keep preserved data longer (90 days more). Never throws for I/O. */
  ExtendOutcome extendPreservation(PartnerRef ref);
}
