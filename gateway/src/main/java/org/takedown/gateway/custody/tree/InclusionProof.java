package org.takedown.gateway.custody.tree;

import java.util.List;
import java.util.function.Supplier;

/**
 * That leaf {@code index} is in the tree of the first {@code treeSize} leaves: the audit path of
 * RFC 9162 2.1.3, deepest sibling first.
 */
public record InclusionProof(long index, long treeSize, List<Hash> auditPath) {

  public InclusionProof {
    auditPath = List.copyOf(auditPath);
  }

  /**
   * The root the audit path leads to from this leaf hash (RFC 9162 2.1.3.2, steps 1 to 4 and the
   * size check of step 5).
   *
   * @throws InvalidProofException if the leaf cannot be in such a tree or the path has the wrong
   *     length
   */
  public Hash rootFrom(Hash leafHash) {
    Walk walk = walk(leafHash);
    if (walk.failure() != null) {
      throw walk.failure().get();
    }
    return walk.root();
  }

  /**
   * Checks that the leaf with this hash is in the tree with this root.
   *
   * @throws InvalidProofException naming what does not hold
   */
  public void verify(Hash leafHash, Hash root) {
    Supplier<InvalidProofException> failure = check(leafHash, root);
    if (failure != null) {
      throw failure.get();
    }
  }

  /** {@link #verify} as a predicate, without the cost of an exception when it fails. */
  public boolean verifies(Hash leafHash, Hash root) {
    return check(leafHash, root) == null;
  }

  private Supplier<InvalidProofException> check(Hash leafHash, Hash root) {
    Walk walk = walk(leafHash);
    if (walk.failure() != null) {
      return walk.failure();
    }
    Hash computed = walk.root();
    return computed.equals(root)
        ? null
        : () -> InvalidProofException.rootMismatch(describe(), computed, root);
  }

  /** The computed root, or why there is none. */
  private record Walk(Hash root, Supplier<InvalidProofException> failure) {}

  private Walk walk(Hash leafHash) {
    if (index < 0 || index >= treeSize) {
      return new Walk(null, () -> InvalidProofException.noSuchLeaf(index, treeSize));
    }
    long fn = index;
    long sn = treeSize - 1;
    Hash r = leafHash;
    for (Hash p : auditPath) {
      if (sn == 0) {
        return new Walk(
            null, () -> InvalidProofException.pathTooLong(describe(), auditPath.size()));
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p, r);
        // a right-edge node with no right sibling: climb to the level where the path continues
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleTree.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return new Walk(null, () -> InvalidProofException.pathTooShort(describe(), auditPath.size()));
    }
    return new Walk(r, null);
  }

  private String describe() {
    return "the inclusion proof of leaf %d in a tree of %d".formatted(index, treeSize);
  }
}
