package org.takedown.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens a simulated partner issued, each valid until its expiry. */
final class TokenRegistry {

  private final String prefix;
  private final Duration lifetime;
  private final Clock clock;
  private final ConcurrentHashMap<String, Instant> expiries = new ConcurrentHashMap<>();

  TokenRegistry(String prefix, Duration lifetime, Clock clock) {
    this.prefix = prefix;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A new token, valid for {@link #lifetime()} from now. */
  String issue() {
    Instant now = clock.instant();
    // Clients cache tokens, so few are ever issued; dropping expired ones here bounds the map.
    expiries.values().removeIf(expiry -> !expiry.isAfter(now));
    String token = prefix + RandomText.urlSafe(32);
    expiries.put(token, now.plus(lifetime));
    return token;
  }

  boolean isValid(String token) {
    Instant expiry = expiries.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  Duration lifetime() {
    return lifetime;
  }

  /** Makes every token issued so far invalid, as a partner rotating its keys would. */
  void invalidateAll() {
    expiries.clear();
  }
}
