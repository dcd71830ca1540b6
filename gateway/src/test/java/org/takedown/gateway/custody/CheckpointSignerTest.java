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
}
