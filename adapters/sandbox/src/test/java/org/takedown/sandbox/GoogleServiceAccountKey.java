package org.takedown.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** A service-account key file read the way the gateway's Google adapter reads it, for signing. */
record GoogleServiceAccountKey(
    Map<String, Object> file, String clientEmail, String keyId, String tokenUri, PrivateKey key) {

  static GoogleServiceAccountKey read(Path path) throws Exception {
    Map<String, Object> file = JSONObjectUtils.parse(Files.readString(path));
    return new GoogleServiceAccountKey(
        file,
        (String) file.get("client_email"),
        (String) file.get("private_key_id"),
        (String) file.get("token_uri"),
        privateKey((String) file.get("private_key")));
  }

  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /** Claims as the adapter sends them: issued now, valid one hour. */
  JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(clientEmail)
        .audience(tokenUri)
        .claim("scope", GoogleSimulator.SCOPE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  String sign(JWTClaimsSet claims) throws JOSEException {
    return sign(claims, keyId, key);
  }

  static String sign(JWTClaimsSet claims, String keyId, PrivateKey key) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
