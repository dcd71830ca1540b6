package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies callbacks the way the gateway must: HMACs computed here, JWTs checked with Nimbus. */
final class CallbackSignatures {

  private CallbackSignatures() {}

  /** Asserts Meta's signature and answers the body. */
  static Map<String, Object> verifiedMeta(LoggedRequest callback) throws Exception {
    byte[] body = callback.getBody();
    assertEquals(
        "sha256=" + hmac(MetaSimulator.APP_SECRET, body),
        callback.getHeader("X-Hub-Signature-256"));
    return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Asserts TikTok's signature and timestamp and answers the body. */
  static Map<String, Object> verifiedTikTok(LoggedRequest callback, long nowSeconds)
      throws Exception {
    String header = callback.getHeader("TikTok-Signature");
    assertTrue(header.matches("t=[0-9]+,s=[0-9a-f]{64}"), header);
    String timestamp = header.substring(2, header.indexOf(','));
    String signature = header.substring(header.indexOf(",s=") + 3);
    byte[] body = callback.getBody();
    byte[] signed =
        (timestamp + "." + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(hmac(TikTokSimulator.CLIENT_SECRET, signed), signature);
    assertTrue(Math.abs(nowSeconds - Long.parseLong(timestamp)) <= 300, "t is within 300 s");
    return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Verifies the push token against the key set served at {@code jwksUri}, with the claims the
   * gateway checks, and answers its claims.
   */
  static JWTClaimsSet verifiedGoogleToken(LoggedRequest callback, String jwksUri) throws Exception {
    String authorization = callback.getHeader("Authorization");
    assertTrue(authorization.startsWith("Bearer "), authorization);
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.RS256,
            JWKSourceBuilder.create(URI.create(jwksUri).toURL()).retrying(false).build()));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            GoogleSimulator.PUSH_AUDIENCE,
            new JWTClaimsSet.Builder()
                .issuer("https://accounts.google.com")
                .claim("email", GoogleSimulator.PUSH_SERVICE_ACCOUNT)
                .claim("email_verified", true)
                .build(),
            Set.of("exp", "iat")));
    return processor.process(authorization.substring("Bearer ".length()), null);
  }

  /** The decoded {@code message.data} of a Google push. */
  static Map<String, Object> googleData(Map<String, Object> body) throws Exception {
    String data = (String) SandboxHttp.object(body, "message").get("data");
    return JSONObjectUtils.parse(
        new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
  }

  static Map<String, Object> json(LoggedRequest callback) throws Exception {
    return JSONObjectUtils.parse(new String(callback.getBody(), StandardCharsets.UTF_8));
  }

  static String hmac(String secret, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data));
  }
}
