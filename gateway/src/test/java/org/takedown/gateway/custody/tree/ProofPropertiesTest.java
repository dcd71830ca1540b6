package org.takedown.gateway.custody.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every proof of every tree up to {@value #MAX} leaves: it equals what RFC 9162's recursive
 * definitions give (written here again, over the leaves, independently of the stored subtrees), it
 * verifies, and flipping one byte of the leaf, of any proof hash (three positions each) or of a
 * root (every position) makes it fail.
 */
class ProofPropertiesTest {

  private static final int MAX = 64;

  private final List<byte[]> inputs = inputs(MAX);
  private final List<Hash> leaves = inputs.stream().map(MerkleTree::leafHash).toList();
  private final InMemorySubtreeHashes store = InMemorySubtreeHashes.ofLeaves(leaves);
  private final List<Hash> roots = roots(leaves);

  @Test
  void everyInclusionProofIsTheRfcsAndVerifies() {
    for (int size = 1; size <= MAX; size++) {
      Hash root = roots.get(size);
      assertEquals(root, Proofs.root(size, store), "root of " + size);
      for (int index = 0; index < size; index++) {
        InclusionProof proof = Proofs.inclusion(index, size, store);
        String what = "leaf " + index + " of " + size;
        assertEquals(path(index, leaves.subList(0, size)), proof.auditPath(), what);
        assertEquals(root, proof.rootFrom(leaves.get(index)), what);
        proof.verify(MerkleTree.leafHash(inputs.get(index)), root);
      }
    }
  }

  @Test
  void anInclusionProofFailsWhenAnyByteOfLeafProofOrRootIsFlipped() {
    int checked = 0;
    for (int size = 1; size <= MAX; size++) {
      Hash root = roots.get(size);
      for (int index = 0; index < size; index++) {
        InclusionProof proof = Proofs.inclusion(index, size, store);
        byte[] input = inputs.get(index);
        for (int at = 0; at < input.length; at++) {
          byte[] changed = input.clone();
          changed[at] ^= 0x20;
          assertFalse(proof.verifies(MerkleTree.leafHash(changed), root), "leaf byte " + at);
        }
        for (int i = 0; i < proof.auditPath().size(); i++) {
          for (int at : bytesToFlip(index + i)) {
            List<Hash> path = new ArrayList<>(proof.auditPath());
            path.set(i, PublishedProofsTest.flip(path.get(i), at, (index + at) % 8));
            InclusionProof changed = new InclusionProof(index, size, path);
            assertFalse(changed.verifies(leaves.get(index), root), "proof[" + i + "] byte " + at);
            checked++;
          }
        }
        for (int at : bytesToFlip(size + index)) {
          Hash changed = PublishedProofsTest.flip(root, at, at % 8);
          assertFalse(proof.verifies(leaves.get(index), changed), "root byte " + at);
          changed = PublishedProofsTest.flip(leaves.get(index), at, at % 8);
          assertFalse(proof.verifies(changed, root), "leaf hash byte " + at);
        }
      }
    }
    assertTrue(checked > 5_000, checked + " flipped proofs");
  }

  @Test
  void everyConsistencyProofIsTheRfcsAndVerifies() {
    for (int to = 1; to <= MAX; to++) {
      Hash root2 = roots.get(to);
      for (int from = 0; from <= to; from++) {
        Hash root1 = roots.get(from);
        ConsistencyProof proof = Proofs.consistency(from, to, store);
        String what = from + " to " + to;
        List<Hash> expected = from == 0 ? List.of() : subproof(from, leaves.subList(0, to), true);
        assertEquals(expected, proof.path(), what);
        proof.verify(root1, root2);
      }
    }
  }

  @Test
  void aConsistencyProofFailsWhenAnyByteOfProofOrRootsIsFlipped() {
    for (int to = 2; to <= MAX; to++) {
      Hash root2 = roots.get(to);
      for (int from = 1; from < to; from++) {
        Hash root1 = roots.get(from);
        ConsistencyProof proof = Proofs.consistency(from, to, store);
        String what = from + " to " + to;
        for (int i = 0; i < proof.path().size(); i++) {
          for (int at : bytesToFlip(from + to + i)) {
            List<Hash> path = new ArrayList<>(proof.path());
            path.set(i, PublishedProofsTest.flip(path.get(i), at, (from + at) % 8));
            assertFalse(
                new ConsistencyProof(from, to, path).verifies(root1, root2),
                what + ", proof[" + i + "] byte " + at);
          }
        }
        for (int at : bytesToFlip(from * to)) {
          assertFalse(
              proof.verifies(PublishedProofsTest.flip(root1, at, at % 8), root2),
              what + ", old root byte " + at);
          assertFalse(
              proof.verifies(root1, PublishedProofsTest.flip(root2, at, at % 8)),
              what + ", new root byte " + at);
        }
      }
    }
  }

  /** A changed leaf anywhere in the old tree breaks consistency with a checkpoint taken before. */
  @Test
  void aRewrittenLeafBreaksConsistencyWithEveryEarlierRoot() {
    for (int to = 2; to <= MAX; to++) {
      for (int changed = 0; changed < to; changed++) {
        List<Hash> rewritten = new ArrayList<>(leaves.subList(0, to));
        rewritten.set(changed, MerkleTree.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)));
        InMemorySubtreeHashes tampered = InMemorySubtreeHashes.ofLeaves(rewritten);
        Hash tamperedRoot = Proofs.root(to, tampered);
        for (int from = changed + 1; from < to; from += 7) {
          Hash honestRoot = roots.get(from);
          assertFalse(
              Proofs.consistency(from, to, tampered).verifies(honestRoot, tamperedRoot),
              "leaf " + changed + " rewritten, " + from + " to " + to);
        }
      }
    }
  }

  /** The first and last byte of a hash, and one that moves with {@code seed}. */
  private static int[] bytesToFlip(int seed) {
    return new int[] {0, 1 + (seed * 7) % 30, Hash.SIZE - 1};
  }

  // RFC 9162 2.1.3.1, over the leaves
  private static List<Hash> path(int m, List<Hash> d) {
    int n = d.size();
    List<Hash> path = new ArrayList<>();
    if (n == 1) {
      return path;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      path.addAll(path(m, d.subList(0, k)));
      path.add(MerkleTree.rootOf(d.subList(k, n)));
    } else {
      path.addAll(path(m - k, d.subList(k, n)));
      path.add(MerkleTree.rootOf(d.subList(0, k)));
    }
    return path;
  }

  // RFC 9162 2.1.4.1, over the leaves
  private static List<Hash> subproof(int m, List<Hash> d, boolean b) {
    int n = d.size();
    List<Hash> proof = new ArrayList<>();
    if (m == n) {
      if (!b) {
        proof.add(MerkleTree.rootOf(d));
      }
      return proof;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      proof.addAll(subproof(m, d.subList(0, k), b));
      proof.add(MerkleTree.rootOf(d.subList(k, n)));
    } else {
      proof.addAll(subproof(m - k, d.subList(k, n), false));
      proof.add(MerkleTree.rootOf(d.subList(0, k)));
    }
    return proof;
  }

  /** roots.get(n): the root of the first n leaves, by the recursive definition. */
  private static List<Hash> roots(List<Hash> leaves) {
    List<Hash> roots = new ArrayList<>();
    for (int size = 0; size <= leaves.size(); size++) {
      roots.add(MerkleTree.rootOf(leaves.subList(0, size)));
    }
    return roots;
  }

  private static List<byte[]> inputs(int count) {
    List<byte[]> inputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      inputs.add(
          ("{\"index\":" + i + ",\"kind\":\"partner.request\"}").getBytes(StandardCharsets.UTF_8));
    }
    return inputs;
  }
}
