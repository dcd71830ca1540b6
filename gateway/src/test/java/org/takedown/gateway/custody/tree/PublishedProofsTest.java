package org.takedown.gateway.custody.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The published proofs of Certificate Transparency's reference tree ({@link PublishedVectors}):
 * generated from stored subtrees they come out identical, they verify, and each corruption that
 * google/certificate-transparency's VerifierCheck and transparency-dev/merkle's
 * corruptInclusionProof / corruptConsistencyProof try is refused.
 */
class PublishedProofsTest {

  private static final Hash SOME_HASH =
      Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
  private static final Hash ZEROS = Hash.of(new byte[32]);

  private final InMemorySubtreeHashes store =
      InMemorySubtreeHashes.ofLeaves(PublishedVectors.leafHashes());

  @Test
  void generatesThePublishedInclusionProofs() {
    for (PublishedVectors.Inclusion vector : PublishedVectors.INCLUSIONS) {
      InclusionProof proof = Proofs.inclusion(vector.leafNumber() - 1, vector.treeSize(), store);
      assertEquals(vector.path(), proof.auditPath(), vector.toString());
    }
  }

  @Test
  void verifiesThePublishedInclusionProofs() {
    for (PublishedVectors.Inclusion vector : PublishedVectors.INCLUSIONS) {
      int index = vector.leafNumber() - 1;
      Hash leaf = MerkleTree.leafHash(PublishedVectors.leafInput(index));
      Hash root = PublishedVectors.root(vector.treeSize());
      InclusionProof proof = new InclusionProof(index, vector.treeSize(), vector.path());
      assertEquals(root, proof.rootFrom(leaf), vector.toString());
      proof.verify(leaf, root);
    }
  }

  @Test
  void refusesEveryCorruptionOfThePublishedInclusionProofs() {
    for (PublishedVectors.Inclusion vector : PublishedVectors.INCLUSIONS) {
      long index = vector.leafNumber() - 1;
      long size = vector.treeSize();
      List<Hash> path = vector.path();
      Hash leaf = MerkleTree.leafHash(PublishedVectors.leafInput((int) index));
      Hash root = PublishedVectors.root(vector.treeSize());
      Hash wrongLeaf = MerkleTree.leafHash("WrongLeaf".getBytes(StandardCharsets.US_ASCII));

      List<String> accepted = new ArrayList<>();
      probe(accepted, "leaf index - 1", index - 1, size, leaf, path, root);
      probe(accepted, "leaf index + 1", index + 1, size, leaf, path, root);
      probe(accepted, "leaf index ^ 2", index ^ 2, size, leaf, path, root);
      probe(accepted, "tree size * 2", index, size * 2, leaf, path, root);
      probe(accepted, "tree size / 2", index, size / 2, leaf, path, root);
      probe(accepted, "wrong leaf", index, size, wrongLeaf, path, root);
      probe(accepted, "empty root", index, size, leaf, path, PublishedVectors.EMPTY_ROOT);
      probe(accepted, "random root", index, size, leaf, path, SOME_HASH);
      probe(accepted, "trailing garbage", index, size, leaf, append(path, ZEROS), root);
      probe(accepted, "trailing root", index, size, leaf, append(path, root), root);
      probe(accepted, "preceding garbage", index, size, leaf, prepend(ZEROS, path), root);
      probe(accepted, "preceding root", index, size, leaf, prepend(root, path), root);
      for (int i = 0; i < path.size(); i++) {
        int at = i;
        probe(
            accepted,
            "proof[" + i + "] bit 3",
            index,
            size,
            leaf,
            with(path, at, h -> flip(h, 0, 3)),
            root);
        probe(
            accepted,
            "proof[" + i + "] empty root",
            index,
            size,
            leaf,
            with(path, at, h -> PublishedVectors.EMPTY_ROOT),
            root);
      }
      if (!path.isEmpty()) {
        probe(
            accepted,
            "removed component",
            index,
            size,
            leaf,
            path.subList(0, path.size() - 1),
            root);
      }
      if (path.size() > 1) {
        List<Hash> inserted = new ArrayList<>(path);
        inserted.add(1, SOME_HASH);
        probe(accepted, "inserted component", index, size, leaf, inserted, root);
      }
      assertEquals(List.of(), accepted, "corruptions of " + vector + " that verified");
    }
  }

  @Test
  void refusesInclusionInTreesWithoutThatLeaf() {
    long[][] probes = {{0, 0}, {0, 1}, {1, 0}, {2, 1}};
    for (long[] p : probes) {
      InclusionProof proof = new InclusionProof(p[0], p[1], List.of());
      assertFalse(proof.verifies(SOME_HASH, PublishedVectors.EMPTY_ROOT), p[0] + " in " + p[1]);
      assertFalse(proof.verifies(PublishedVectors.EMPTY_ROOT, SOME_HASH), p[0] + " in " + p[1]);
    }
    // transparency-dev/merkle TestVerifyInclusionSingleEntry: in a tree of one, leaf hash = root
    Hash data = MerkleTree.leafHash("data".getBytes(StandardCharsets.US_ASCII));
    assertTrue(new InclusionProof(0, 1, List.of()).verifies(data, data));
    assertFalse(new InclusionProof(0, 1, List.of()).verifies(data, SOME_HASH));
  }

  @Test
  void explainsWhyAnInclusionProofFails() {
    Hash leaf = MerkleTree.leafHash(PublishedVectors.leafInput(0));
    List<Hash> path = PublishedVectors.INCLUSIONS.get(1).path();
    InvalidProofException tooLong =
        assertThrows(
            InvalidProofException.class,
            () ->
                new InclusionProof(0, 8, append(path, ZEROS))
                    .verify(leaf, PublishedVectors.ROOTS.get(7)));
    assertEquals(
        "the inclusion proof of leaf 0 in a tree of 8 has 4 hashes, more than the tree's height allows",
        tooLong.getMessage());
    InvalidProofException wrongRoot =
        assertThrows(
            InvalidProofException.class,
            () -> new InclusionProof(0, 8, path).verify(leaf, SOME_HASH));
    assertEquals(
        "the inclusion proof of leaf 0 in a tree of 8 leads to root "
            + PublishedVectors.ROOTS.get(7).hex()
            + ", not "
            + SOME_HASH.hex(),
        wrongRoot.getMessage());
  }

  @Test
  void generatesThePublishedConsistencyProofs() {
    for (PublishedVectors.Consistency vector : PublishedVectors.CONSISTENCIES) {
      ConsistencyProof proof = Proofs.consistency(vector.from(), vector.to(), store);
      assertEquals(vector.path(), proof.path(), vector.toString());
    }
  }

  @Test
  void verifiesThePublishedConsistencyProofs() {
    for (PublishedVectors.Consistency vector : PublishedVectors.CONSISTENCIES) {
      new ConsistencyProof(vector.from(), vector.to(), vector.path())
          .verify(PublishedVectors.root(vector.from()), PublishedVectors.root(vector.to()));
    }
  }

  @Test
  void refusesEveryCorruptionOfThePublishedConsistencyProofs() {
    for (PublishedVectors.Consistency vector : PublishedVectors.CONSISTENCIES) {
      List<Hash> path = vector.path();
      if (path.isEmpty()) {
        continue; // as both sources: only non-trivial proofs are corrupted
      }
      long from = vector.from();
      long to = vector.to();
      Hash root1 = PublishedVectors.root(vector.from());
      Hash root2 = PublishedVectors.root(vector.to());
      Hash wrongRoot = MerkleTree.leafHash("WrongRoot".getBytes(StandardCharsets.US_ASCII));

      List<String> accepted = new ArrayList<>();
      probe(accepted, "from - 1", from - 1, to, root1, root2, path);
      probe(accepted, "from + 1", from + 1, to, root1, root2, path);
      probe(accepted, "from ^ 2", from ^ 2, to, root1, root2, path);
      probe(accepted, "to * 2", from, to * 2, root1, root2, path);
      probe(accepted, "to / 2", from, to / 2, root1, root2, path);
      probe(accepted, "wrong root1", from, to, wrongRoot, root2, path);
      probe(accepted, "wrong root2", from, to, root1, wrongRoot, path);
      probe(accepted, "swapped roots", from, to, root2, root1, path);
      probe(accepted, "empty proof", from, to, root1, root2, List.of());
      probe(accepted, "trailing garbage", from, to, root1, root2, append(path, ZEROS));
      probe(accepted, "trailing root1", from, to, root1, root2, append(path, root1));
      probe(accepted, "trailing root2", from, to, root1, root2, append(path, root2));
      probe(
          accepted,
          "trailing last",
          from,
          to,
          root1,
          root2,
          append(path, path.get(path.size() - 1)));
      probe(accepted, "preceding garbage", from, to, root1, root2, prepend(ZEROS, path));
      probe(accepted, "preceding root1", from, to, root1, root2, prepend(root1, path));
      probe(accepted, "preceding root2", from, to, root1, root2, prepend(root2, path));
      probe(accepted, "preceding proof[0]", from, to, root1, root2, prepend(path.get(0), path));
      probe(accepted, "truncated", from, to, root1, root2, path.subList(0, path.size() - 1));
      for (int i = 0; i < path.size(); i++) {
        int at = i;
        probe(
            accepted,
            "proof[" + i + "] bit 4",
            from,
            to,
            root1,
            root2,
            with(path, at, h -> flip(h, 0, 4)));
        probe(
            accepted,
            "proof[" + i + "] empty root",
            from,
            to,
            root1,
            root2,
            with(path, at, h -> PublishedVectors.EMPTY_ROOT));
      }
      assertEquals(List.of(), accepted, "corruptions of " + vector + " that verified");
    }
  }

  /**
   * The cases RFC 9162 leaves out, as google/certificate-transparency's VerifyConsistencyProof and
   * transparency-dev/merkle's TestVerifyConsistency settle them. One deliberate difference: they
   * take any roots for sizes 0 to n; here the old root must be the empty tree's.
   */
  @Test
  void settlesTheTrivialConsistencyCases() {
    Hash empty = PublishedVectors.EMPTY_ROOT;
    Hash root1 = PublishedVectors.ROOTS.get(0);
    Hash root2 = PublishedVectors.ROOTS.get(1);
    List<Hash> none = List.of();
    List<Hash> one = List.of(empty);

    assertTrue(new ConsistencyProof(0, 0, none).verifies(empty, empty));
    assertTrue(new ConsistencyProof(0, 1, none).verifies(empty, root1));
    assertTrue(new ConsistencyProof(1, 1, none).verifies(root2, root2));
    assertFalse(new ConsistencyProof(0, 1, none).verifies(root1, root2), "old root of 0 not empty");
    // sizes going back in time
    assertFalse(new ConsistencyProof(1, 0, none).verifies(root1, root2));
    assertFalse(new ConsistencyProof(2, 1, none).verifies(root1, root2));
    // an empty proof between different sizes
    assertFalse(new ConsistencyProof(1, 2, none).verifies(root1, root2));
    // equal sizes, different roots
    assertFalse(new ConsistencyProof(0, 0, none).verifies(empty, root2));
    assertFalse(new ConsistencyProof(1, 1, none).verifies(empty, root2));
    // roots match but the proof is not empty
    assertFalse(new ConsistencyProof(0, 0, one).verifies(empty, empty));
    assertFalse(new ConsistencyProof(0, 1, one).verifies(empty, empty));
    assertFalse(new ConsistencyProof(1, 1, one).verifies(empty, empty));
  }

  @Test
  void explainsWhyAConsistencyProofFails() {
    PublishedVectors.Consistency vector = PublishedVectors.CONSISTENCIES.get(2); // 6 -> 8
    InvalidProofException e =
        assertThrows(
            InvalidProofException.class,
            () ->
                new ConsistencyProof(6, 8, vector.path())
                    .verify(PublishedVectors.ROOTS.get(5), SOME_HASH));
    assertEquals(
        "the consistency proof from 6 to 8 leaves (new tree) leads to root "
            + PublishedVectors.ROOTS.get(7).hex()
            + ", not "
            + SOME_HASH.hex(),
        e.getMessage());
  }

  @Test
  void refusesToProveWhatTheTreeCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> Proofs.inclusion(8, 8, store));
    assertThrows(IllegalArgumentException.class, () -> Proofs.inclusion(0, 0, store));
    assertThrows(IllegalArgumentException.class, () -> Proofs.inclusion(-1, 8, store));
    assertThrows(IllegalArgumentException.class, () -> Proofs.consistency(5, 4, store));
    assertThrows(IllegalArgumentException.class, () -> Proofs.consistency(-1, 4, store));
    assertThrows(java.util.NoSuchElementException.class, () -> Proofs.inclusion(0, 9, store));
  }

  private static void probe(
      List<String> accepted,
      String what,
      long index,
      long size,
      Hash leaf,
      List<Hash> path,
      Hash root) {
    if (new InclusionProof(index, size, path).verifies(leaf, root)) {
      accepted.add(what);
    }
  }

  private static void probe(
      List<String> accepted,
      String what,
      long from,
      long to,
      Hash root1,
      Hash root2,
      List<Hash> path) {
    if (new ConsistencyProof(from, to, path).verifies(root1, root2)) {
      accepted.add(what);
    }
  }

  static Hash flip(Hash hash, int byteIndex, int bit) {
    byte[] bytes = hash.bytes();
    bytes[byteIndex] ^= (byte) (1 << bit);
    return Hash.of(bytes);
  }

  private static List<Hash> append(List<Hash> path, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(extra);
    return copy;
  }

  private static List<Hash> prepend(Hash extra, List<Hash> path) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(0, extra);
    return copy;
  }

  private static List<Hash> with(List<Hash> path, int at, UnaryOperator<Hash> change) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(at, change.apply(copy.get(at)));
    return copy;
  }
}
