package org.takedown.gateway.custody.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  // transparency-dev/merkle, rfc6962/rfc6962_test.go, TestRFC6962Hasher
  @Test
  void emptyRootIsTheSha256OfNothing() {
    assertEquals(
        Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        MerkleTree.emptyRoot());
    assertEquals(MerkleTree.emptyRoot(), MerkleTree.rootOf(List.of()));
  }

  @Test
  void emptyLeafHashIsNotTheEmptyRoot() {
    assertEquals(
        Hash.fromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        MerkleTree.leafHash(new byte[0]));
  }

  @Test
  void leafHashPrefixesAZeroByte() {
    assertEquals(
        Hash.fromHex("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"),
        MerkleTree.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)));
  }

  /** The RFC 6962 vector hashes two 4-byte "children"; ours are 32 bytes, so compute it raw. */
  @Test
  void nodeHashPrefixesAOneByte() throws Exception {
    var digest = java.security.MessageDigest.getInstance("SHA-256");
    digest.update(java.util.HexFormat.of().parseHex("014E3132334E343536"));
    assertEquals(
        Hash.fromHex("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"),
        Hash.of(digest.digest()));
    Hash left = MerkleTree.leafHash(new byte[] {1});
    Hash right = MerkleTree.leafHash(new byte[] {2});
    digest.update((byte) 1);
    digest.update(left.bytes());
    digest.update(right.bytes());
    assertEquals(Hash.of(digest.digest()), MerkleTree.nodeHash(left, right));
  }

  // transparency-dev/merkle, rfc6962/rfc6962_test.go, TestRFC6962HasherCollisions
  @Test
  void aNodeNeverPassesForALeafOfItsChildren() {
    Hash hello = MerkleTree.leafHash("Hello".getBytes(StandardCharsets.US_ASCII));
    Hash world = MerkleTree.leafHash("World".getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(hello, world);
    Hash node = MerkleTree.nodeHash(hello, world);
    byte[] concatenated = new byte[64];
    System.arraycopy(hello.bytes(), 0, concatenated, 0, 32);
    System.arraycopy(world.bytes(), 0, concatenated, 32, 32);
    assertNotEquals(node, MerkleTree.leafHash(concatenated));
    assertNotEquals(node, MerkleTree.nodeHash(world, hello));
  }

  @Test
  void rootsOfTheReferenceTreeMatchThePublishedOnes() {
    List<Hash> leaves = PublishedVectors.leafHashes();
    for (int size = 0; size <= 8; size++) {
      assertEquals(
          PublishedVectors.root(size),
          MerkleTree.rootOf(leaves.subList(0, size)),
          "root of " + size);
    }
  }

  @Test
  void rootsFromStoredSubtreesMatchThePublishedOnes() {
    InMemorySubtreeHashes store = InMemorySubtreeHashes.ofLeaves(PublishedVectors.leafHashes());
    for (int size = 0; size <= 8; size++) {
      assertEquals(PublishedVectors.root(size), Proofs.root(size, store), "root of " + size);
    }
  }

  @Test
  void hashesAreExactly32BytesAndRoundTripTheirEncodings() {
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromBase64(""));
    Hash root = PublishedVectors.ROOTS.get(7);
    assertEquals(root, Hash.fromBase64(root.base64()));
    assertEquals(root, Hash.fromHex(root.hex()));
    byte[] bytes = root.bytes();
    bytes[0] ^= 1;
    assertEquals(PublishedVectors.ROOTS.get(7), root, "a hash cannot be changed through bytes()");
  }

  @Test
  void refusesImpossibleNodes() {
    assertThrows(IllegalArgumentException.class, () -> new NodeId(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(63, 0));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(62, 1));
    assertEquals(1L << 62, new NodeId(62, 0).endLeaf());
  }
}
