package org.takedown.gateway.callback;

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
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.takedown.sandbox.GoogleSimulator;

/**
 * OIDC tokens for Google pushes, signed by a key of this test's that the gateway trusts beside the
 * sandbox's own push keys: the sandbox signs only good tokens, and a test needs each claim wrong on
 * its own under a signature that verifies.
 */
final class PushTokens {

  private static final String KEY_ID = "webhook-test-push-key";

  private final RSAKey trusted = generate();
  // the same key id as the trusted key: only the signature check can tell them apart
  private final RSAKey stranger = generate();
  private final String issuer;

  PushTokens(String issuer) {
    this.issuer = issuer;
  }

  /**
   * A JWKS file holding the keys served at {@code sandboxKeySet} and this test's trusted key, for
   * the gateway's {@code push-jwks-uri}.
   */
  URI keySetBeside(String sandboxKeySet) {
    try {
      List<JWK> keys = new ArrayList<>(JWKSet.load(URI.create(sandboxKeySet).toURL()).getKeys());
      keys.add(trusted.toPublicJWK());
      Path file = Files.createTempFile("push-jwks", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, new JWKSet(keys).toString());
      return file.toUri();
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the sandbox's push key set", e);
    }
  }

  /** The claims of a good push token, issued now, for a test to spoil one of. */
  JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(GoogleSimulator.PUSH_AUDIENCE)
        .subject("100000000000000000002")
        .claim("email", GoogleSimulator.PUSH_SERVICE_ACCOUNT)
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  /** A good push token. */
  String token() {
    return signed(claims().build());
  }

  String signed(JWTClaimsSet claims) {
    return sign(trusted, claims);
  }

  String signedByStranger(JWTClaimsSet claims) {
    return sign(stranger, claims);
  }

  /** {@code alg: none}: the claims are right, there is no signature. */
  String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
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
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048)
          .keyID(KEY_ID)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
