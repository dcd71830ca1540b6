package org.takedown.gateway.custody.tree;

/**
 * A perfect subtree of the log: the {@code 2^level} leaves from {@code index << level} up to
 * (excluding) {@code (index + 1) << level}. Level 0 is a leaf. A node is complete, and its hash
 * final, once the tree holds its last leaf.
 */
public record NodeId(int level, long index) {

  /** Deeper than any tree of {@link Long#MAX_VALUE} leaves. */
  public static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "a node's level is 0..%d, not %d".formatted(MAX_LEVEL, level));
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level) - 1) {
      throw new IllegalArgumentException(
          "node index %d is out of range at level %d".formatted(index, level));
    }
  }

  public static NodeId leaf(long index) {
    return new NodeId(0, index);
  }

  /** The index of the node's first leaf. */
  public long firstLeaf() {
    return index << level;
  }

  /** The index after the node's last leaf: the tree size at which the node is complete. */
  public long endLeaf() {
    return (index + 1) << level;
  }

  public long leafCount() {
    return 1L << level;
  }

  public NodeId parent() {
    return new NodeId(level + 1, index >> 1);
  }
}
