package org.takedown.gateway.tracking;

import org.takedown.platform.Platform;

/**
 * Whether one more call to a partner fits its budget now. Status reads spend the same budget as
 * deliveries (the partner counts both against the gateway's quota), and none is made while the
 * partner's breaker is open, while it asked for quiet, or while it refuses the gateway's
 * credentials.
 */
public interface PartnerCallGate {

  /** Takes a permit for one call to {@code platform}; false when the call must wait. */
  boolean tryCall(Platform platform);
}
