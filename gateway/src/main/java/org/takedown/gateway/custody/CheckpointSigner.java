package org.takedown.gateway.custody;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.verify.SignedCheckpoint;
import org.takedown.gateway.custody.verify.VerificationFailure;

/**
 * Signs the custody log's checkpoints: a compact ES256 JWS (with the key's {@code kid}) whose
 * payload is the JSON {@code {"treeSize","rootHash","at"}}. The key is the EC P-256 private JWK in
 * the file {@code gateway.custody.signing-key}. The JWKS of {@code GET /api/v1/custody/keys} holds
 * its public half and the public keys of {@code gateway.custody.retired-keys}: a key that signed
 * checkpoints once must verify them for as long as the log exists, so rotating the signing key
 * moves the old one there. Nimbus stays in this class.
 */
@Singleton
final class CheckpointSigner {

  /** The path of the JWK file (README, "Configuration"). */
  static final String PROPERTY = "gateway.custody.signing-key";

  /** The path of a JWKS file of earlier signing keys (README, "Configuration"); optional. */
  static final String RETIRED = "gateway.custody.retired-keys";

  private final ECKey key;
  private final ECDSASigner signer;
  private final JWKSet publicKeys;
  private final Map<String, Object> jwks;

  /** A signer without retired keys. */
  CheckpointSigner(String file) {
    this(file, "");
  }

  @Inject
  CheckpointSigner(
      @Value("${" + PROPERTY + ":}") String file, @Value("${" + RETIRED + ":}") String retired) {
    this.key = load(file);
    try {
      this.signer = new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(PROPERTY + ": the key cannot sign ES256", e);
    }
    List<JWK> keys = new ArrayList<>();
    keys.add(published(key));
    for (ECKey old : loadRetired(retired)) {
      if (old.getKeyID().equals(key.getKeyID())) {
        throw new IllegalStateException(
            RETIRED + ": key " + old.getKeyID() + " is the signing key itself, not a retired one");
      }
      keys.add(published(old));
    }
    this.publicKeys = new JWKSet(keys);
    this.jwks = publicKeys.toJSONObject(true);
  }

  private static ECKey published(ECKey key) {
    return new ECKey.Builder(key.toPublicJWK())
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .build();
  }

  /** The retired keys' public halves, each named by its kid or else its thumbprint. */
  static List<ECKey> loadRetired(String file) {
    if (file == null || file.isBlank()) {
      return List.of();
    }
    JWKSet set;
    try {
      set = JWKSet.parse(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new IllegalStateException(RETIRED + ": cannot read " + file, e);
    } catch (ParseException e) {
      throw new IllegalStateException(RETIRED + ": " + file + " is not a JWKS", e);
    }
    List<ECKey> retired = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JWK jwk : set.getKeys()) {
      if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
        throw new IllegalStateException(
            RETIRED + ": " + file + " must hold EC P-256 keys only (kty EC, crv P-256)");
      }
      ECKey named = named(ec.toPublicJWK(), RETIRED);
      if (!ids.add(named.getKeyID())) {
        throw new IllegalStateException(
            RETIRED + ": " + file + " holds key " + named.getKeyID() + " twice");
      }
      retired.add(named);
    }
    return List.copyOf(retired);
  }

  static ECKey load(String file) {
    if (file == null || file.isBlank()) {
      throw new IllegalStateException(
          PROPERTY
              + " is not set: the custody log needs its checkpoint signing key (an EC P-256"
              + " private JWK file; README, \"Configuration\")");
    }
    JWK jwk;
    try {
      jwk = JWK.parse(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new IllegalStateException(PROPERTY + ": cannot read " + file, e);
    } catch (ParseException e) {
      throw new IllegalStateException(PROPERTY + ": " + file + " is not a JWK", e);
    }
    if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
      throw new IllegalStateException(
          PROPERTY + ": " + file + " must hold an EC P-256 private key (kty EC, crv P-256, d)");
    }
    return named(ec, PROPERTY);
  }

  private static ECKey named(ECKey ec, String property) {
    if (ec.getKeyID() != null && !ec.getKeyID().isBlank()) {
      return ec;
    }
    try {
      // no kid in the file: its RFC 7638 thumbprint, stable across restarts
      return new ECKey.Builder(ec).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException(property + ": cannot compute a key's thumbprint", e);
    }
  }

  String keyId() {
    return key.getKeyID();
  }

  /** The public keys, as the JWKS document of {@code /api/v1/custody/keys}. */
  Map<String, Object> jwks() {
    return jwks;
  }

  /**
   * True when {@code checkpoint}'s JWS verifies with one of this gateway's public keys (the signing
   * key's or a retired one's, by its kid) and states exactly its tree size, root and time: the
   * check the offline verification command makes.
   */
  boolean verifies(Checkpoint checkpoint) {
    try {
      SignedCheckpoint.verify(
          checkpoint.treeSize(),
          checkpoint.rootHash().base64(),
          LeafInput.rfc3339(checkpoint.at()),
          checkpoint.jws(),
          publicKeys,
          "checkpoint");
      return true;
    } catch (VerificationFailure e) {
      return false;
    }
  }

  /** The checkpoint of a tree of {@code treeSize} leaves with this root, signed now. */
  Checkpoint sign(long treeSize, Hash rootHash, Instant at) {
    String atText = LeafInput.rfc3339(at);
    StringBuilder payload = new StringBuilder(128);
    payload.append("{\"treeSize\":").append(treeSize).append(",\"rootHash\":");
    LeafInput.string(payload, rootHash.base64());
    payload.append(",\"at\":");
    LeafInput.string(payload, atText);
    payload.append('}');
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
            new Payload(payload.toString()));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a custody checkpoint", e);
    }
    return new Checkpoint(treeSize, rootHash, at, jws.serialize());
  }
}
