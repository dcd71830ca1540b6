package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.testing.MutableClock;

/** The console's session cookie: what it keeps, what it refuses, when it ends. */
class ConsoleSessionsTest {

  private static final String SECRET = "a-console-session-secret-of-32-chars-or-more";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final ConsoleSessions sessions = sessions(SECRET, true);

  private ConsoleSessions sessions(String secret, boolean secure) {
    return new ConsoleSessions(
        new ConsoleSessionProperties(secret, Duration.ofHours(8), secure), clock);
  }

  @Test
  void aSealedSessionReadsBackWithItsRolesAndItsCsrfToken() {
    ConsoleSession opened =
        sessions.open("officer-1", "Officer One", List.of("liaison-officer"), "id.token.hint");
    Cookie cookie = sessions.cookie(opened);
    ConsoleSession read = sessions.read(cookie.getValue()).orElseThrow();
    assertEquals("officer-1", read.subject());
    assertEquals("Officer One", read.displayName());
    assertEquals(List.of("liaison-officer"), read.roles());
    assertEquals(opened.sessionId(), read.sessionId());
    assertEquals(opened.csrfToken(), read.csrfToken());
    assertEquals("id.token.hint", read.idToken());
    assertEquals(clock.instant().plus(Duration.ofHours(8)), read.expiresAt());
    assertFalse(cookie.getValue().contains("officer-1"), "the cookie is sealed, not only signed");
  }

  @Test
  void theCookieIsHttpOnlyLaxSecureAndForTheConsoleOnly() {
    Cookie cookie = sessions.cookie(sessions.open("officer-1", "o", List.of(), null));
    assertEquals(ConsoleSessions.COOKIE, cookie.getName());
    assertTrue(cookie.isHttpOnly());
    assertTrue(cookie.isSecure());
    assertEquals(Optional.of(SameSite.Lax), cookie.getSameSite());
    assertEquals("/console", cookie.getPath());
    assertEquals(Duration.ofHours(8).toSeconds(), cookie.getMaxAge());
    assertFalse(
        sessions(SECRET, false).cookie(sessions.open("o", "o", List.of(), null)).isSecure());
    assertEquals(0, sessions.cleared().getMaxAge());
  }

  @Test
  void aSessionEndsAfterItsLength() {
    String cookie = sessions.cookie(sessions.open("officer-1", "o", List.of(), null)).getValue();
    clock.advance(Duration.ofHours(8).minusSeconds(1));
    assertTrue(sessions.read(cookie).isPresent());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), sessions.read(cookie));
  }

  @Test
  void aTamperedForeignOrGarbageCookieIsNoSession() {
    String cookie =
        sessions.cookie(sessions.open("officer-1", "o", List.of("admin"), null)).getValue();
    String[] parts = cookie.split("\\.");
    char[] ciphertext = parts[3].toCharArray();
    ciphertext[5] = ciphertext[5] == 'A' ? 'B' : 'A';
    parts[3] = new String(ciphertext);
    assertEquals(Optional.empty(), sessions.read(String.join(".", parts)));
    assertEquals(
        Optional.empty(),
        sessions(SECRET + "-other", true).read(cookie),
        "another secret reads nothing");
    for (String garbage :
        List.of("", "x", "a.b.c.d.e", "eyJhbGciOiJub25lIn0.e30.", "é".repeat(9000))) {
      assertEquals(Optional.empty(), sessions.read(garbage), garbage);
    }
  }

  @Test
  void aCsrfTokenBelongsToOneSession() {
    ConsoleSession one = sessions.open("officer-1", "o", List.of(), null);
    ConsoleSession two = sessions.open("officer-1", "o", List.of(), null);
    assertNotEquals(one.csrfToken(), two.csrfToken());
    assertTrue(sessions.csrfMatches(one, one.csrfToken()));
    assertFalse(sessions.csrfMatches(one, two.csrfToken()));
    assertFalse(sessions.csrfMatches(one, null));
    assertFalse(sessions.csrfMatches(one, ""));
    assertFalse(sessions.csrfMatches(one, one.csrfToken() + "x"));
  }

  @Test
  void anIdTokenTooLargeForACookieIsDroppedButNotTheSession() {
    ConsoleSession opened = sessions.open("officer-1", "o", List.of(), "h".repeat(6000));
    Cookie cookie = sessions.cookie(opened);
    assertTrue(cookie.getValue().length() <= ConsoleSessions.MAX_COOKIE_VALUE, "fits a cookie");
    ConsoleSession read = sessions.read(cookie.getValue()).orElseThrow();
    assertNull(read.idToken());
    assertEquals(opened.csrfToken(), read.csrfToken());
  }
}
