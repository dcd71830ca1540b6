package org.takedown.gateway.console.signin;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.auth.ConsolePaths;
import org.takedown.gateway.auth.SubjectRules;

/**
 * Opens, seals and reads console sessions. A session is a JWT encrypted and authenticated with a
 * key derived from {@code gateway.console.session.secret} (JWE {@code dir}, A256GCM): the browser
 * holds it in an HttpOnly cookie and can neither read nor alter it, and every instance holding the
 * secret reads it, so sessions need no store and no sticky routing. Its CSRF token is an HMAC of
 * the session id under a second key derived from the same secret.
 */
@Singleton
@ConsoleEnabled
public final class ConsoleSessions {

  /** The session cookie, sent to {@code /console} paths only. */
  public static final String COOKIE = "takedown_console";

  /** The largest sealed session kept in a cookie; browsers keep 4096 bytes per cookie. */
  static final int MAX_COOKIE_VALUE = 3800;

  private static final String ISSUER = "takedown-gateway/console";
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);

  private final SecretKey sealKey;
  private final SecretKeySpec csrfKey;
  private final Duration length;
  private final boolean secureCookie;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ConsoleSessions(ConsoleSessionProperties properties, Clock clock) {
    this.sealKey = new SecretKeySpec(derive("session-seal", properties.secret()), "AES");
    this.csrfKey = new SecretKeySpec(derive("csrf", properties.secret()), "HmacSHA256");
    this.length = properties.length();
    this.secureCookie = properties.secureCookie();
    this.clock = clock;
  }

  /** A new session for a user the provider has just authenticated. */
  public ConsoleSession open(
      String subject, String displayName, List<String> roles, @Nullable String idToken) {
    byte[] id = new byte[18];
    random.nextBytes(id);
    String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    Instant expiresAt =
        clock.instant().plus(length).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new ConsoleSession(
        subject, displayName, roles, sessionId, expiresAt, csrfToken(sessionId), idToken);
  }

  /** The cookie that holds {@code session}. */
  public Cookie cookie(ConsoleSession session) {
    String sealed = seal(session);
    if (sealed.length() > MAX_COOKIE_VALUE && session.idToken() != null) {
      // a large ID token: keep the session, lose only the hint that ends the provider's session
      LOG.debug("the ID token is too large to keep in the console session; sign-out sends no hint");
      sealed =
          seal(
              new ConsoleSession(
                  session.subject(),
                  session.displayName(),
                  session.roles(),
                  session.sessionId(),
                  session.expiresAt(),
                  session.csrfToken(),
                  null));
    }
    Duration left = Duration.between(clock.instant(), session.expiresAt());
    return configure(Cookie.of(COOKIE, sealed)).maxAge(left.isNegative() ? Duration.ZERO : left);
  }

  /** The cookie that clears the session from the browser. */
  public Cookie cleared() {
    return configure(Cookie.of(COOKIE, "")).maxAge(0);
  }

  /** A cookie of the console's: HttpOnly, SameSite=Lax, Secure as configured, path /console. */
  Cookie configure(Cookie cookie) {
    return cookie
        .httpOnly(true)
        .sameSite(SameSite.Lax)
        .secure(secureCookie)
        .path(ConsolePaths.ROOT);
  }

  /** The session a cookie holds, when it is one of ours, intact and not expired. */
  public Optional<ConsoleSession> read(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 8192) {
      return Optional.empty();
    }
    try {
      EncryptedJWT jwt = EncryptedJWT.parse(cookieValue);
      if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
          || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
        return Optional.empty();
      }
      jwt.decrypt(new DirectDecrypter(sealKey));
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer())
          || expiry == null
          || !clock.instant().isBefore(expiry.toInstant())
          || claims.getSubject() == null
          || SubjectRules.defect(claims.getSubject()).isPresent()) {
        return Optional.empty();
      }
      String sessionId = claims.getStringClaim("sid");
      if (sessionId == null) {
        return Optional.empty();
      }
      List<String> roles = claims.getStringListClaim("roles");
      String name = claims.getStringClaim("name");
      return Optional.of(
          new ConsoleSession(
              claims.getSubject(),
              name == null ? claims.getSubject() : name,
              roles == null ? List.of() : roles,
              sessionId,
              expiry.toInstant(),
              csrfToken(sessionId),
              claims.getStringClaim("idt")));
    } catch (ParseException | JOSEException | RuntimeException e) {
      // never the cookie itself: it is a credential
      LOG.debug("console session cookie refused: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** Whether {@code offered} is the CSRF token of {@code session}, compared in constant time. */
  public boolean csrfMatches(ConsoleSession session, @Nullable String offered) {
    if (offered == null || offered.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        session.csrfToken().getBytes(StandardCharsets.US_ASCII),
        offered.getBytes(StandardCharsets.UTF_8));
  }

  String seal(ConsoleSession session) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(session.subject())
            .claim("name", session.displayName())
            .claim("roles", session.roles())
            .claim("sid", session.sessionId())
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(session.expiresAt()));
    if (session.idToken() != null) {
      claims.claim("idt", session.idToken());
    }
    EncryptedJWT jwt =
        new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims.build());
    try {
      jwt.encrypt(new DirectEncrypter(sealKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot seal a console session", e);
    }
    return jwt.serialize();
  }

  private String csrfToken(String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(csrfKey);
      byte[] tag = mac.doFinal(sessionId.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** A 256-bit key for one purpose, so that no key serves two. */
  private static byte[] derive(String purpose, String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(
          ("takedown-gateway console " + purpose + "\0").getBytes(StandardCharsets.UTF_8));
      return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
