package org.takedown.gateway.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.takedown.platform.SubmitCommand;

/**
 * A PENDING request this dispatcher holds the lease on: only the holder of {@code leaseToken} may
 * record its result.
 *
 * @param attempts delivery attempts made before this one
 * @param createdAt when the request was accepted (its age bounds its retries)
 * @param position its place in the claim order
 * @param caseId the case it belongs to (for the log)
 */
record ClaimedRequest(
    UUID leaseToken,
    int attempts,
    Instant createdAt,
    ClaimPosition position,
    UUID caseId,
    SubmitCommand command) {

  UUID id() {
    return command.requestId();
  }

  /** The attempt this claim is: 1 for the first delivery. */
  int attempt() {
    return attempts + 1;
  }
}
