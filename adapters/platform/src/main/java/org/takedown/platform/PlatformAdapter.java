package org.takedown.platform;

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
}
