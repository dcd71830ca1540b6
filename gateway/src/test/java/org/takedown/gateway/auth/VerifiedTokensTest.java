package org.takedown.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.testing.MutableClock;

/** How long a verified token is trusted without a new signature check. */
class VerifiedTokensTest {

  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final Authentication TRIAGE =
      Authentication.build("e-blagh-triage", List.of("case-submitter"), Map.of());

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  private VerifiedTokens tokens(Duration ttl, int max) {
    return new VerifiedTokens(ttl, SKEW, max, clock);
  }

  @Test
  void trustsAVerifiedTokenForTheTtlAndNoLonger() {
    VerifiedTokens tokens = tokens(Duration.ofSeconds(60), 100);
    tokens.keep("token-a", TRIAGE, null, clock.instant().plus(Duration.ofMinutes(30)));

    assertEquals(Optional.of(TRIAGE), tokens.find("token-a"));
    assertEquals(Optional.empty(), tokens.find("token-b"), "another token is not known");
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.of(TRIAGE), tokens.find("token-a"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        Optional.empty(), tokens.find("token-a"), "verified again: its key may be withdrawn");
  }

  @Test
  void neverTrustsATokenPastItsExpiry() {
    VerifiedTokens tokens = tokens(Duration.ofMinutes(10), 100);
    tokens.keep("token-a", TRIAGE, null, clock.instant().plus(Duration.ofSeconds(30)));

    clock.advance(Duration.ofSeconds(30).plus(SKEW).minusMillis(1));
    assertEquals(Optional.of(TRIAGE), tokens.find("token-a"), "within exp and the skew");
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), tokens.find("token-a"));
  }

  @Test
  void doesNotTrustATokenBeforeItsNotBefore() {
    VerifiedTokens tokens = tokens(Duration.ofMinutes(10), 100);
    Instant notBefore = clock.instant().plus(SKEW).plus(Duration.ofSeconds(5));
    tokens.keep("token-a", TRIAGE, notBefore, clock.instant().plus(Duration.ofMinutes(30)));

    assertEquals(Optional.empty(), tokens.find("token-a"));
  }

  @Test
  void staysWithinItsBound() {
    VerifiedTokens tokens = tokens(Duration.ofMinutes(1), 3);
    for (int i = 0; i < 10; i++) {
      tokens.keep("token-" + i, TRIAGE, null, clock.instant().plus(Duration.ofMinutes(30)));
      assertTrue(tokens.size() <= 3, "size " + tokens.size());
    }
    assertEquals(Optional.of(TRIAGE), tokens.find("token-9"), "the newest is kept");
  }

  @Test
  void aZeroTtlChecksEveryTime() {
    VerifiedTokens tokens = tokens(Duration.ZERO, 100);
    tokens.keep("token-a", TRIAGE, null, clock.instant().plus(Duration.ofMinutes(30)));

    assertEquals(Optional.empty(), tokens.find("token-a"));
  }
}
