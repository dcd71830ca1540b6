package org.takedown.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The identity Google's Pub/Sub push signs its OIDC tokens with: an RSA key made for this run, its
 * public half published as a JWKS. The tokens are RS256, valid one hour, issued by {@code issuer}
 * for the push audience, and name the push service account with a verified e-mail.
 *
 * <p>{@link #rotate()} switches to a new key and keeps publishing the previous one, as Google does,
 * so that a gateway's cached key set meets an unknown {@code kid}.
 */
final class GooglePushIdentity {

  static final String SERVICE_ACCOUNT =
      "legal-requests-push@" + GoogleServiceAccount.PROJECT_ID + ".iam.gserviceaccount.com";
  static final String AUDIENCE = "https://takedown-gateway.sandbox/webhooks/google";
  static final String DEFAULT_ISSUER = "https://accounts.google.com";
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** The service account's numeric unique id, the {@code sub} of its tokens. */
  private static final String SUBJECT = "100000000000000000002";

  private final String issuer;
  private volatile RSAKey current;
  private volatile RSAKey previous;

  GooglePushIdentity(String issuer) {
    this.issuer = issuer;
    this.current = generateKey();
  }

  String issuer() {
    return issuer;
  }

  /** The {@code kid} new tokens carry. */
  String keyId() {
    return current.getKeyID();
  }

  /** An OIDC token for one push, issued {@code now}. */
  String token(Instant now) {
    RSAKey key = current;
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(AUDIENCE)
            .subject(SUBJECT)
            .claim("azp", SUBJECT)
            .claim("email", SERVICE_ACCOUNT)
            .claim("email_verified", true)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a Google push token", e);
    }
    return jwt.serialize();
  }

  /** The public keys, as the JWKS document {@code {"keys": [...]}}. */
  Map<String, Object> jwks() {
    List<JWK> keys = new ArrayList<>();
    keys.add(current.toPublicJWK());
    RSAKey old = previous;
    if (old != null) {
      keys.add(old.toPublicJWK());
    }
    return new JWKSet(keys).toJSONObject(true);
  }

  /** Signs with a new key from now on; the JWKS keeps the one before it. */
  synchronized void rotate() {
    previous = current;
    current = generateKey();
  }

  private static RSAKey generateKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyID(RandomText.hex(20))
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }
}
