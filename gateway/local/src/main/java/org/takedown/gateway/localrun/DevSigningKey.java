package org.takedown.gateway.localrun;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The token issuer of a local run: an RSA key kept under the data directory, whose public half is
 * the JWKS the gateway trusts when no {@code gateway.auth.jwks-uri} is configured. Never used when
 * a real issuer is configured.
 */
public final class DevSigningKey {

  /** The {@code iss} of development tokens. */
  public static final String ISSUER = "takedown-gateway-dev";

  private final RSAKey key;
  private final Path jwksFile;

  private DevSigningKey(RSAKey key, Path jwksFile) {
    this.key = key;
    this.jwksFile = jwksFile;
  }

  /** Loads the key from {@code dir}, creating it (and the public JWKS beside it) on first use. */
  public static DevSigningKey loadOrCreate(Path dir) {
    Path keyFile = dir.resolve("signing-key.json");
    Path jwksFile = dir.resolve("jwks.json");
    try {
      Files.createDirectories(dir);
      RSAKey key;
      if (Files.exists(keyFile)) {
        key = RSAKey.parse(Files.readString(keyFile));
      } else {
        key =
            new RSAKeyGenerator(2048)
                .keyID("dev-" + UUID.randomUUID())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        Files.writeString(keyFile, key.toJSONString());
        restrictToOwner(keyFile);
      }
      Files.writeString(jwksFile, new JWKSet(key.toPublicJWK()).toString());
      return new DevSigningKey(key, jwksFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the development signing key in " + dir, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("the development signing key in " + dir + " is unusable", e);
    }
  }

  public Path jwksFile() {
    return jwksFile;
  }

  /** A token for the gateway's audience, as an internal service or officer would present it. */
  public String issue(String subject, List<String> roles, String audience, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .audience(audience)
            .claim("roles", roles)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    return sign(claims);
  }

  /** Signs {@code claims} as a JWT with this key (RS256, with its key id). */
  public String sign(JWTClaimsSet claims) {
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
      throw new IllegalStateException("cannot sign a development token", e);
    }
    return jwt.serialize();
  }

  /** Whether {@code jwt} carries a valid signature of this key; its claims are not checked. */
  public boolean signed(SignedJWT jwt) {
    try {
      return key.getKeyID().equals(jwt.getHeader().getKeyID())
          && jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()));
    } catch (JOSEException e) {
      return false;
    }
  }

  /** The public half, as a JWKS document. */
  public String publicJwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /**
   * A secret kept in {@code file} (created from 32 random bytes on first use, readable by its owner
   * only), so that what it protects survives a restart.
   */
  public static String secretIn(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, secret);
      restrictToOwner(file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a development secret in " + file, e);
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the file keeps the directory's default permissions
    }
  }
}
