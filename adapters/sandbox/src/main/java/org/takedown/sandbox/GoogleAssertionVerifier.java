package org.takedown.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/**
 * Checks an RFC 7523 JWT bearer assertion the way Google's token endpoint does for a service
 * account: RS256 signed with the account's key, {@code kid} its private_key_id, {@code iss} its
 * client_email, {@code aud} the token URI, a {@code scope}, and at most one hour of validity left.
 */
final class GoogleAssertionVerifier {

  static final Duration MAX_LIFETIME = Duration.ofHours(1);

  private static final String BAD_SIGNATURE = "Invalid JWT Signature.";
  private static final String BAD_TIMES =
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
          + " Check your iat and exp values in the JWT claim.";

  private final RSASSAVerifier verifier;
  private final String keyId;
  private final String issuer;
  private final Supplier<String> audience;
  private final Clock clock;

  /** {@code audience} is read per check: the token URI is known only once the server listens. */
  GoogleAssertionVerifier(
      RSAPublicKey key, String keyId, String issuer, Supplier<String> audience, Clock clock) {
    this.verifier = new RSASSAVerifier(key);
    this.keyId = keyId;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  /**
   * @return the scope the assertion asks for
   * @throws PartnerRefusal {@code invalid_grant} naming what is wrong
   */
  String verify(String assertion) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw GoogleErrors.invalidGrant("Invalid JWT: the assertion is not a signed JWT.");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
        || !keyId.equals(jwt.getHeader().getKeyID())
        || !signatureVerifies(jwt)) {
      throw GoogleErrors.invalidGrant(BAD_SIGNATURE);
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw GoogleErrors.invalidGrant("Invalid grant: account not found");
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(audience.get())) {
      throw GoogleErrors.invalidGrant("Invalid JWT: Failed audience check.");
    }
    Object scope = claims.getClaim("scope");
    if (!(scope instanceof String text) || text.isBlank()) {
      throw GoogleErrors.invalidGrant("Invalid JWT: the scope claim is missing.");
    }
    checkTimes(claims.getIssueTime(), claims.getExpirationTime());
    return text;
  }

  private boolean signatureVerifies(SignedJWT jwt) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException e) {
      return false;
    }
  }

  private void checkTimes(Date issuedAt, Date expiresAt) {
    if (issuedAt == null || expiresAt == null) {
      throw GoogleErrors.invalidGrant(BAD_TIMES);
    }
    Instant iat = issuedAt.toInstant();
    Instant exp = expiresAt.toInstant();
    if (!exp.isAfter(clock.instant()) || !exp.isAfter(iat) || exp.isAfter(iat.plus(MAX_LIFETIME))) {
      throw GoogleErrors.invalidGrant(BAD_TIMES);
    }
  }
}
