package org.takedown.platform;

import java.time.Duration;
import java.util.Optional;

/** How a partner answered a status read. */
public sealed interface StatusOutcome {

  /** The partner reported where the request stands. */
  record Known(PartnerUpdate update) implements StatusOutcome {}

  /** The partner does not know the reference, or refuses to say for good. */
  record Rejected(String partnerCode, String reason) implements StatusOutcome {}

  /** Transient: ask again later; {@code hint} is the partner's own delay when it gave one. */
  record RetryLater(Optional<Duration> hint, String reason) implements StatusOutcome {}

  /** The gateway's credentials for this partner are refused. */
  record PartnerUnauthorized(String reason) implements StatusOutcome {}
}
