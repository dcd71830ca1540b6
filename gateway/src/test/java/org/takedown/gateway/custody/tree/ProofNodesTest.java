package org.takedown.gateway.custody.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Proofs read few stored subtrees, in one round trip. The expected nodes are
 * transparency-dev/merkle's, proof/proof_test.go (TestInclusion, TestConsistency), as (level,
 * index); where it "rehashes" a ragged right edge, we read the same subtrees.
 */
class ProofNodesTest {

  private static final int LEAVES = 100;

  private final RecordingSubtreeHashes store =
      new RecordingSubtreeHashes(InMemorySubtreeHashes.ofLeaves(leaves(LEAVES)));

  @Test
  void inclusionReadsTheSubtreesTransparencyDevReads() {
    inclusion(1, 0);
    inclusion(2, 0, n(0, 1));
    inclusion(2, 1, n(0, 0));
    inclusion(3, 1, n(0, 0), n(0, 2));
    inclusion(7, 0, n(0, 1), n(1, 1), n(0, 6), n(1, 2));
    inclusion(7, 1, n(0, 0), n(1, 1), n(0, 6), n(1, 2));
    inclusion(7, 2, n(0, 3), n(1, 0), n(0, 6), n(1, 2));
    inclusion(7, 3, n(0, 2), n(1, 0), n(0, 6), n(1, 2));
    inclusion(7, 4, n(0, 5), n(0, 6), n(2, 0));
    inclusion(7, 5, n(0, 4), n(0, 6), n(2, 0));
    inclusion(7, 6, n(1, 2), n(2, 0));
    inclusion(4, 2, n(0, 3), n(1, 0));
    inclusion(5, 3, n(0, 2), n(1, 0), n(0, 4));
    inclusion(6, 3, n(0, 2), n(1, 0), n(1, 2));
    inclusion(6, 4, n(0, 5), n(2, 0));
    inclusion(15, 10, n(0, 11), n(1, 4), n(0, 14), n(1, 6), n(3, 0));
    inclusion(31, 24, n(0, 25), n(1, 13), n(0, 30), n(1, 14), n(3, 2), n(4, 0));
    inclusion(95, 81, n(0, 80), n(1, 41), n(2, 21), n(0, 94), n(1, 46), n(2, 22), n(4, 4), n(6, 0));
  }

  @Test
  void consistencyReadsTheSubtreesTransparencyDevReads() {
    consistency(1, 2, n(0, 1));
    consistency(1, 4, n(0, 1), n(1, 1));
    consistency(1, 6, n(0, 1), n(1, 1), n(1, 2));
    consistency(2, 3, n(0, 2));
    consistency(2, 8, n(1, 1), n(2, 1));
    consistency(3, 7, n(0, 2), n(0, 3), n(1, 0), n(0, 6), n(1, 2));
    consistency(4, 7, n(0, 6), n(1, 2));
    consistency(5, 7, n(0, 4), n(0, 5), n(0, 6), n(2, 0));
    consistency(6, 7, n(1, 2), n(0, 6), n(2, 0));
    consistency(7, 8, n(0, 6), n(0, 7), n(1, 2), n(2, 0));
    for (int size = 1; size <= 8; size++) {
      consistency(size, size);
    }
    consistency(2, 4, n(1, 1));
    consistency(3, 5, n(0, 2), n(0, 3), n(1, 0), n(0, 4));
    consistency(3, 6, n(0, 2), n(0, 3), n(1, 0), n(1, 2));
    consistency(4, 6, n(1, 2));
    consistency(1, 7, n(0, 1), n(1, 1), n(0, 6), n(1, 2));
    consistency(10, 15, n(1, 4), n(1, 5), n(0, 14), n(1, 6), n(3, 0));
    consistency(24, 31, n(3, 2), n(0, 30), n(1, 14), n(2, 6), n(4, 0));
    consistency(
        81, 95, n(0, 80), n(0, 81), n(1, 41), n(2, 21), n(0, 94), n(1, 46), n(2, 22), n(4, 4),
        n(6, 0));
  }

  /**
   * A proof needs at most two subtrees per level: O(log n) reads, here for every shape up to 100.
   */
  @Test
  void everyProofReadsAtMostTwoSubtreesPerLevelInOneRoundTrip() {
    for (int size = 1; size <= LEAVES; size++) {
      int height = 64 - Long.numberOfLeadingZeros(size - 1);
      for (int index = 0; index < size; index++) {
        store.clear();
        Proofs.inclusion(index, size, store);
        assertTrue(store.reads.size() <= 1, "one round trip");
        int read = store.reads.isEmpty() ? 0 : store.reads.get(0).size();
        assertTrue(read <= 2 * height, read + " reads for leaf " + index + " of " + size);
      }
      for (int from = 1; from <= size; from++) {
        store.clear();
        Proofs.consistency(from, size, store);
        assertTrue(store.reads.size() <= 1, "one round trip");
        int read = store.reads.isEmpty() ? 0 : store.reads.get(0).size();
        assertTrue(read <= 2 * height, read + " reads for " + from + " to " + size);
      }
    }
  }

  /** A store that makes up a hash for any node: only the count of reads matters here. */
  @Test
  void aProofInATrillionLeafTreeReadsAboutEightyNodes() {
    List<NodeId> asked = new ArrayList<>();
    SubtreeHashes anything =
        node -> {
          asked.add(node);
          return MerkleTree.leafHash(new byte[] {(byte) node.level(), (byte) node.index()});
        };
    long size = 1_000_000_000_039L;
    InclusionProof inclusion = Proofs.inclusion(size - 2, size, anything);
    assertTrue(inclusion.auditPath().size() <= 40);
    assertTrue(asked.size() <= 80, asked.size() + " reads");
    asked.clear();
    Proofs.consistency(999_999_999_999L, size, anything);
    assertTrue(asked.size() <= 80, asked.size() + " reads");
    asked.clear();
    Proofs.root(size, anything);
    assertEquals(Long.bitCount(size), asked.size());
  }

  private void inclusion(long size, long index, NodeId... expected) {
    store.clear();
    Proofs.inclusion(index, size, store);
    assertEquals(Set.of(expected), readOnce(), "nodes read for leaf " + index + " of " + size);
  }

  private void consistency(long from, long to, NodeId... expected) {
    store.clear();
    Proofs.consistency(from, to, store);
    assertEquals(Set.of(expected), readOnce(), "nodes read from " + from + " to " + to);
  }

  private Set<NodeId> readOnce() {
    assertTrue(store.reads.size() <= 1, "one round trip, not " + store.reads.size());
    Set<NodeId> read = new HashSet<>();
    store.reads.forEach(read::addAll);
    return read;
  }

  private static NodeId n(int level, long index) {
    return new NodeId(level, index);
  }

  static List<Hash> leaves(int count) {
    List<Hash> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      leaves.add(
          MerkleTree.leafHash(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return leaves;
  }
}
