package org.takedown.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * A partner's report on one request, already translated into the gateway's states.
 *
 * @param outcome set when {@code state} is COMPLETED, else null
 * @param preservedUntil when the partner preserves data, until when; else null
 * @param updatedAt the partner's own time of the change, null when it gave none
 * @param detail the partner's words for it (status, reason), for the history; no personal data
 */
public record PartnerUpdate(
    PartnerRef ref,
    PartnerState state,
    Outcome outcome,
    Instant preservedUntil,
    Instant updatedAt,
    String detail) {

  public PartnerUpdate {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(state, "state");
    if (state == PartnerState.COMPLETED && outcome == null) {
      throw new IllegalArgumentException("a COMPLETED update needs an outcome");
    }
  }
}
