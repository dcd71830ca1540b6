package org.takedown.adapters.google;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** The RFC 7523 JWT a service account presents to Google's token endpoint. */
final class TokenAssertion {

  /** Google accepts assertions valid for at most one hour. */
  static final Duration LIFETIME = Duration.ofHours(1);

  private TokenAssertion() {}

  static String sign(ServiceAccountKey key, String scope, Instant issuedAt) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(key.privateKeyId())
            .build();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(key.clientEmail())
            .audience(key.tokenUri().toString())
            .claim("scope", scope)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the Google token assertion with the key", e);
    }
    return jwt.serialize();
  }
}
