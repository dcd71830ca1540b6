package org.takedown.gateway.custody.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.Map;
import org.takedown.gateway.custody.tree.Hash;

/**
 * A checkpoint of the custody log whose signature was checked: its compact ES256 JWS verifies with
 * a key of the JWKS, named by the JWS's {@code kid}, and its payload {@code
 * {"treeSize","rootHash","at"}} states exactly the checkpoint's values.
 *
 * @param at as written in the payload (RFC 3339 UTC)
 * @param keyId the {@code kid} of the key that signed it
 */
public record SignedCheckpoint(long treeSize, Hash rootHash, String at, String keyId) {

  /**
   * Checks a checkpoint given as the checkpoint endpoint answers it ({@code {"treeSize",
   * "rootHash", "at", "jws"}}).
   *
   * @param which how to name it in a failure ({@code checkpoint}, {@code earlier checkpoint})
   * @throws VerificationFailure naming {@code which} and what does not hold
   */
  public static SignedCheckpoint verify(byte[] checkpointJson, JWKSet keys, String which)
      throws VerificationFailure {
    Map<String, Object> checkpoint = Json.object(checkpointJson);
    if (checkpoint == null) {
      throw VerificationFailure.checkpoint(which, "not a JSON object");
    }
    Long treeSize = Json.whole(checkpoint, "treeSize");
    String rootHash = Json.string(checkpoint, "rootHash");
    String at = Json.string(checkpoint, "at");
    String jws = Json.string(checkpoint, "jws");
    if (treeSize == null || rootHash == null || at == null || jws == null) {
      throw VerificationFailure.checkpoint(
          which, "it needs treeSize (a whole number), rootHash, at and jws (strings)");
    }
    return verify(treeSize, rootHash, at, jws, keys, which);
  }

  /**
   * Checks that {@code jws} is a compact ES256 JWS, by a key of {@code keys}, of exactly these
   * values.
   *
   * @param rootHash base64 (standard alphabet, padded), as the checkpoint endpoint writes it
   * @throws VerificationFailure naming {@code which} and what does not hold
   */
  public static SignedCheckpoint verify(
      long treeSize, String rootHash, String at, String jws, JWKSet keys, String which)
      throws VerificationFailure {
    Hash root;
    try {
      root = Hash.fromBase64(rootHash);
    } catch (IllegalArgumentException e) {
      throw VerificationFailure.checkpoint(which, "rootHash is not 32 bytes of base64");
    }
    JWSObject object;
    try {
      object = JWSObject.parse(jws);
    } catch (ParseException e) {
      throw VerificationFailure.checkpoint(
          which, "jws is not a compact JWS (" + e.getMessage() + ")");
    }
    if (!JWSAlgorithm.ES256.equals(object.getHeader().getAlgorithm())) {
      throw VerificationFailure.checkpoint(
          which, "jws is signed with " + object.getHeader().getAlgorithm() + ", not ES256");
    }
    String keyId = object.getHeader().getKeyID();
    JWK key = keyId == null ? null : keys.getKeyByKeyId(keyId);
    if (!(key instanceof ECKey ec)) {
      throw VerificationFailure.checkpoint(
          which, "jws names key " + keyId + ", which is not an EC key of the key set");
    }
    boolean signed;
    try {
      signed = object.verify(new ECDSAVerifier(ec.toPublicJWK()));
    } catch (JOSEException e) {
      throw VerificationFailure.checkpoint(
          which, "key " + keyId + " cannot verify ES256 (" + e.getMessage() + ")");
    }
    if (!signed) {
      throw VerificationFailure.checkpoint(
          which, "the signature of jws does not verify with key " + keyId);
    }
    Map<String, Object> payload = object.getPayload().toJSONObject();
    if (payload == null) {
      throw VerificationFailure.checkpoint(which, "the payload of jws is not a JSON object");
    }
    Long signedSize = Json.whole(payload, "treeSize");
    if (signedSize == null || signedSize != treeSize) {
      throw VerificationFailure.checkpoint(
          which,
          "treeSize " + treeSize + " is not the signed one (" + payload.get("treeSize") + ")");
    }
    if (!rootHash.equals(Json.string(payload, "rootHash"))) {
      throw VerificationFailure.checkpoint(
          which,
          "rootHash " + rootHash + " is not the signed one (" + payload.get("rootHash") + ")");
    }
    if (!at.equals(Json.string(payload, "at"))) {
      throw VerificationFailure.checkpoint(
          which, "at " + at + " is not the signed one (" + payload.get("at") + ")");
    }
    return new SignedCheckpoint(treeSize, root, at, keyId);
  }
}
