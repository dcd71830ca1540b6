package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.custody.tree.MerkleTree;

class CheckpointSignerTest {

  @TempDir Path dir;

  @Test
  void signsTheContractsPayloadWithTheKeysKid() throws Exception {
    Path file = dir.resolve("key.json");
    Files.writeString(file, new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toJSONString());
    CheckpointSigner signer = new CheckpointSigner(file.toString());

    Checkpoint checkpoint =
        signer.sign(0, MerkleTree.emptyRoot(), Instant.parse("2026-12-06T10:15:30.5Z"));

    JWSObject jws = JWSObject.parse(checkpoint.jws());
    assertEquals("k1", jws.getHeader().getKeyID());
    ECKey published = (ECKey) JWKSet.parse(signer.jwks()).getKeyByKeyId("k1");
    assertFalse(published.isPrivate());
    assertTrue(jws.verify(new ECDSAVerifier(published)));
    assertEquals(
        "{\"treeSize\":0,\"rootHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\","
            + "\"at\":\"2026-12-06T10:15:30.500Z\"}",
        jws.getPayload().toString());
  }

  @Test
  void aKeyWithoutKidIsNamedByItsThumbprint() throws Exception {
    Path file = dir.resolve("key.json");
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    Files.writeString(file, key.toJSONString());
    assertEquals(key.computeThumbprint().toString(), new CheckpointSigner(file.toString()).keyId());
  }

  @Test
  void refusesAMissingOrUnfitKeyNamingTheProperty() throws Exception {
    assertTrue(
        assertThrows(IllegalStateException.class, () -> new CheckpointSigner(""))
            .getMessage()
            .startsWith("gateway.custody.signing-key is not set"));
    Path rsa = dir.resolve("rsa.json");
    Files.writeString(rsa, new RSAKeyGenerator(2048).generate().toJSONString());
    Path publicOnly = dir.resolve("public.json");
    Files.writeString(
        publicOnly, new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString());
    Path p384 = dir.resolve("p384.json");
    Files.writeString(p384, new ECKeyGenerator(Curve.P_384).generate().toJSONString());
    for (Path file : new Path[] {rsa, publicOnly, p384, dir.resolve("absent.json")}) {
      String message =
          assertThrows(IllegalStateException.class, () -> new CheckpointSigner(file.toString()))
              .getMessage();
      assertTrue(message.startsWith("gateway.custody.signing-key: "), message);
    }
  }

  @Test
  void checkpointsOfARetiredKeyStillVerifyAfterRotation() throws Exception {
    Path oldFile = dir.resolve("old.json");
    ECKey old = new ECKeyGenerator(Curve.P_256).generate();
    Files.writeString(oldFile, old.toJSONString());
    Checkpoint signedBefore =
        new CheckpointSigner(oldFile.toString())
            .sign(0, MerkleTree.emptyRoot(), Instant.parse("2026-01-01T00:00:00Z"));
    Path newFile = dir.resolve("new.json");
    Files.writeString(
        newFile, new ECKeyGenerator(Curve.P_256).keyID("k2").generate().toJSONString());
    // the operator moves the old key's public half (no kid: named by its thumbprint, as it signed)
    Path retired = dir.resolve("retired.json");
    Files.writeString(retired, new JWKSet(old.toPublicJWK()).toString());

    CheckpointSigner rotated = new CheckpointSigner(newFile.toString(), retired.toString());

    assertTrue(rotated.verifies(signedBefore), "a checkpoint of the retired key");
    assertTrue(
        rotated.verifies(rotated.sign(1, MerkleTree.emptyRoot(), Instant.now())),
        "a checkpoint of the new key");
    JWKSet published = JWKSet.parse(rotated.jwks());
    assertEquals(2, published.getKeys().size());
    assertTrue(published.getKeys().stream().noneMatch(k -> k.isPrivate()));
    assertEquals(
        old.computeThumbprint().toString(),
        JWSObject.parse(signedBefore.jws()).getHeader().getKeyID());
    assertTrue(published.getKeyByKeyId(old.computeThumbprint().toString()) != null);
    assertFalse(
        new CheckpointSigner(newFile.toString()).verifies(signedBefore),
        "without the retired key, the old checkpoint does not verify");
  }

  @Test
  void refusesUnfitRetiredKeysNamingTheProperty() throws Exception {
    Path signing = dir.resolve("signing.json");
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    Files.writeString(signing, key.toJSONString());
    Path notJwks = dir.resolve("not-jwks.json");
    Files.writeString(notJwks, "{\"keys\": 3}");
    Path rsa = dir.resolve("rsa.json");
    Files.writeString(
        rsa, new JWKSet(new RSAKeyGenerator(2048).generate().toPublicJWK()).toString());
    Path itself = dir.resolve("itself.json");
    Files.writeString(itself, new JWKSet(key.toPublicJWK()).toString());
    ECKey twice = new ECKeyGenerator(Curve.P_256).keyID("k0").generate().toPublicJWK();
    Path duplicate = dir.resolve("duplicate.json");
    Files.writeString(duplicate, new JWKSet(java.util.List.of(twice, twice)).toString());
    for (Path file : new Path[] {notJwks, rsa, itself, duplicate, dir.resolve("absent.json")}) {
      String message =
          assertThrows(
                  IllegalStateException.class,
                  () -> new CheckpointSigner(signing.toString(), file.toString()))
              .getMessage();
      assertTrue(message.startsWith("gateway.custody.retired-keys: "), file + ": " + message);
    }
  }
}
