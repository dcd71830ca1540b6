package org.takedown.gateway.auth;

import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified, so that a caller's every request does not pay for a signature
 * check: an internal service sends the same token for minutes, and the RSA verification was a fifth
 * of the gateway's CPU under intake load. An entry is keyed by the SHA-256 of the token's exact
 * bytes (the tokens themselves are not kept), and lasts until the token expires or {@code ttl}
 * passes, whichever comes first: a key withdrawn from the issuer's JWKS, or a token revoked there,
 * is refused at the latest {@code ttl} later. A token that fails verification is never kept.
 */
final class VerifiedTokens {

  private record Entry(Authentication authentication, Instant notBefore, Instant usableUntil) {}

  private final Duration ttl;
  private final Duration clockSkew;
  private final int maxEntries;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedTokens(Duration ttl, Duration clockSkew, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.clockSkew = clockSkew;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  boolean enabled() {
    return !ttl.isZero() && !ttl.isNegative() && maxEntries > 0;
  }

  /** The authentication of a token verified before and still usable now. */
  Optional<Authentication> find(String token) {
    if (!enabled()) {
      return Optional.empty();
    }
    String key = digest(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(entry.usableUntil()) || now.isBefore(entry.notBefore())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.authentication());
  }

  /** Keeps a token that has just passed every check; {@code expiresAt} is its {@code exp}. */
  void keep(String token, Authentication authentication, Instant notBefore, Instant expiresAt) {
    if (!enabled()) {
      return;
    }
    Instant now = clock.instant();
    Instant usableUntil = min(expiresAt.plus(clockSkew), now.plus(ttl));
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(entry -> !now.isBefore(entry.usableUntil()));
      if (entries.size() >= maxEntries) {
        // more live callers than the bound: start afresh rather than grow; each re-verifies once
        entries.clear();
      }
    }
    Instant earliest = notBefore == null ? Instant.MIN : notBefore.minus(clockSkew);
    entries.put(digest(token), new Entry(authentication, earliest, usableUntil));
  }

  int size() {
    return entries.size();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
