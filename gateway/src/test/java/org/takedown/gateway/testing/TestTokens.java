package org.takedown.gateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real JWTs signed by test keys, and the JWKS file the gateway under test trusts. Also the tokens
 * it must refuse: expired, wrong audience or issuer, unsigned, signed by a stranger's key, without
 * a usable {@code sub}.
 */
public final class TestTokens {

  public static final String ISSUER = "https://sso.test.police/realms/cybercrime";
  public static final String AUDIENCE = "takedown-gateway";

  private static final TestTokens INSTANCE = create();

  private final RSAKey rsa;
  private final ECKey ec;
  private final RSAKey stranger;
  private final Path jwks;

  private TestTokens(RSAKey rsa, ECKey ec, RSAKey stranger, Path jwks) {
    this.rsa = rsa;
    this.ec = ec;
    this.stranger = stranger;
    this.jwks = jwks;
  }

  public static TestTokens get() {
    return INSTANCE;
  }

  private static TestTokens create() {
    try {
      RSAKey rsa = new RSAKeyGenerator(2048).keyID("test-rsa").generate();
      ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("test-ec").generate();
      // same key id as the trusted RSA key: only the signature check can tell them apart
      RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-rsa").generate();
      Path jwks = Files.createTempFile("test-jwks", ".json");
      Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
      jwks.toFile().deleteOnExit();
      return new TestTokens(rsa, ec, stranger, jwks);
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException("cannot make test keys", e);
    }
  }

  /** The gateway properties that make it trust these keys. */
  public Map<String, String> gatewayProperties() {
    return Map.of(
        "gateway.auth.jwks-uri", jwks.toUri().toString(),
        "gateway.auth.issuer", ISSUER,
        "gateway.auth.audience", AUDIENCE);
  }

  public String submitter(String subject) {
    return token(subject, List.of("case-submitter"));
  }

  public String officer(String subject) {
    return token(subject, List.of("liaison-officer"));
  }

  public String admin(String subject) {
    return token(subject, List.of("admin"));
  }

  public String token(String subject, List<String> roles) {
    return sign(rsaSigner(rsa), JWSAlgorithm.RS256, "test-rsa", claims(subject, roles).build());
  }

  public String es256(String subject, List<String> roles) {
    try {
      return sign(
          new ECDSASigner(ec), JWSAlgorithm.ES256, "test-ec", claims(subject, roles).build());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String expired(String subject, List<String> roles) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return sign(
        rsaSigner(rsa),
        JWSAlgorithm.RS256,
        "test-rsa",
        claims(subject, roles)
            .issueTime(Date.from(past))
            .expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))
            .build());
  }

  public String withAudience(String subject, List<String> roles, String audience) {
    return sign(
        rsaSigner(rsa),
        JWSAlgorithm.RS256,
        "test-rsa",
        claims(subject, roles).audience(audience).build());
  }

  public String withIssuer(String subject, List<String> roles, String issuer) {
    return sign(
        rsaSigner(rsa),
        JWSAlgorithm.RS256,
        "test-rsa",
        claims(subject, roles).issuer(issuer).build());
  }

  public String signedByStranger(String subject, List<String> roles) {
    return sign(
        rsaSigner(stranger), JWSAlgorithm.RS256, "test-rsa", claims(subject, roles).build());
  }

  /** {@code alg: none}: the claims are right, there is no signature. */
  public String unsigned(String subject, List<String> roles) {
    return new PlainJWT(claims(subject, roles).build()).serialize();
  }

  /**
   * A token right in every way but its {@code sub}: {@code sub} exactly as given, {@code null}
   * included (a JSON null), written by hand so that no library tidies it first.
   */
  public String withSubClaim(Object sub, List<String> roles) {
    Map<String, Object> claims =
        new LinkedHashMap<>(claims("placeholder", roles).build().toJSONObject());
    claims.put("sub", sub);
    return signRaw(claims);
  }

  /** A token right in every way but that it has no {@code sub} at all. */
  public String withoutSub(List<String> roles) {
    Map<String, Object> claims =
        new LinkedHashMap<>(claims("placeholder", roles).build().toJSONObject());
    claims.remove("sub");
    return signRaw(claims);
  }

  private String signRaw(Map<String, Object> claims) {
    // every character outside printable ASCII escaped: they occur only inside JSON strings, and
    // an unpaired surrogate reaches the gateway escaped, as an issuer may write it, not as '?'
    StringBuilder payload = new StringBuilder();
    for (char c : JSONObjectUtils.toJSONString(claims).toCharArray()) {
      payload.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : c);
    }
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-rsa").build(),
            new Payload(payload.toString()));
    try {
      jws.sign(rsaSigner(rsa));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jws.serialize();
  }

  /** A valid token whose signature bytes were altered. */
  public String tampered(String subject, List<String> roles) {
    String[] parts = token(subject, roles).split("\\.");
    byte[] signature = new Base64URL(parts[2]).decode();
    signature[0] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
  }

  private static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(subject)
        .audience(AUDIENCE)
        .claim("roles", roles)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
        .jwtID(UUID.randomUUID().toString());
  }

  private static JWSSigner rsaSigner(RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
