package org.takedown.gateway.custody.tree;

import java.util.List;

/**
 * Builds roots and proofs for any tree size up to what the store holds, from O(log n) stored
 * subtrees read in one {@link SubtreeHashes#hashes} call; never from the leaves.
 */
public final class Proofs {

  private Proofs() {}

  /**
   * The audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves (RFC 9162
   * 2.1.3.1).
   *
   * @throws IllegalArgumentException unless 0 <= index < treeSize
   */
  public static InclusionProof inclusion(long index, long treeSize, SubtreeHashes store) {
    return new InclusionProof(index, treeSize, ProofPlan.inclusion(index, treeSize).resolve(store));
  }

  /**
   * The proof that the tree of {@code to} leaves extends the tree of {@code from} (RFC 9162
   * 2.1.4.1); empty when {@code from} is 0 or equals {@code to}.
   *
   * @throws IllegalArgumentException unless 0 <= from <= to
   */
  public static ConsistencyProof consistency(long from, long to, SubtreeHashes store) {
    return new ConsistencyProof(from, to, ProofPlan.consistency(from, to).resolve(store));
  }

  /** The Merkle Tree Hash of the first {@code treeSize} leaves. */
  public static Hash root(long treeSize, SubtreeHashes store) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("a tree size is never negative, not " + treeSize);
    }
    if (treeSize == 0) {
      return MerkleTree.emptyRoot();
    }
    List<Hash> root = ProofPlan.root(treeSize).resolve(store);
    return root.get(0);
  }
}
