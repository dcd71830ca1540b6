package org.takedown.gateway.custody.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree (a "compact range" over [0, size)): the perfect subtrees its
 * leaves decompose into, one per set bit of {@code size}, largest first. That is all it takes to
 * append leaves and compute the root, so the integrator keeps this, not the tree.
 *
 * <p>Appending {@code k} leaves to a tree of {@code n} costs O(k + log n) hashes and returns every
 * subtree that became complete (the leaves themselves included), in the order they completed: the
 * nodes to store so that {@link Proofs} can serve any later proof. Not thread-safe: one integrator
 * owns it.
 */
public final class Frontier {

  private long size;
  private final ArrayList<Hash> hashes;

  private Frontier(long size, List<Hash> hashes) {
    this.size = size;
    this.hashes = new ArrayList<>(hashes);
  }

  public static Frontier empty() {
    return new Frontier(0, List.of());
  }

  /** The subtrees whose hashes make up the frontier of a tree of {@code size} leaves, in order. */
  public static List<NodeId> nodeIds(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is never negative, not " + size);
    }
    return ProofPlan.perfectSubtrees(0, size);
  }

  /** The frontier of a tree of {@code size} leaves, from the hashes of {@link #nodeIds(long)}. */
  public static Frontier restore(long size, List<Hash> hashes) {
    int expected = nodeIds(size).size();
    if (hashes.size() != expected) {
      throw new IllegalArgumentException(
          "the frontier of a tree of %d leaves has %d hashes, not %d"
              .formatted(size, expected, hashes.size()));
    }
    return new Frontier(size, hashes);
  }

  /** The frontier of a tree of {@code size} leaves, read from its stored subtrees. */
  public static Frontier restore(long size, SubtreeHashes store) {
    return restore(size, store.hashes(nodeIds(size)));
  }

  /** Appends one leaf; returns the subtrees it completed, the leaf first. */
  public List<Node> append(Hash leafHash) {
    List<Node> completed = new ArrayList<>(2);
    appendTo(leafHash, completed);
    return completed;
  }

  /** Appends leaves in order; returns the subtrees they completed, in completion order. */
  public List<Node> appendAll(List<Hash> leafHashes) {
    List<Node> completed = new ArrayList<>(leafHashes.size() * 2);
    for (Hash leafHash : leafHashes) {
      appendTo(leafHash, completed);
    }
    return completed;
  }

  private void appendTo(Hash leafHash, List<Node> completed) {
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    NodeId id = NodeId.leaf(size);
    Hash hash = leafHash;
    completed.add(new Node(id, hash));
    // Every set low bit of size is a frontier subtree of that level, now joined by its right twin.
    for (long bits = size; (bits & 1) == 1; bits >>= 1) {
      hash = MerkleTree.nodeHash(hashes.remove(hashes.size() - 1), hash);
      id = id.parent();
      completed.add(new Node(id, hash));
    }
    hashes.add(hash);
    size++;
  }

  public long size() {
    return size;
  }

  /** The Merkle Tree Hash of the leaves appended so far: O(log n) hashes. */
  public Hash root() {
    return hashes.isEmpty() ? MerkleTree.emptyRoot() : ProofPlan.fold(hashes);
  }

  /** The frontier's subtrees, largest first: what {@link #restore(long, List)} takes back. */
  public List<Node> nodes() {
    List<NodeId> ids = nodeIds(size);
    List<Node> nodes = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      nodes.add(new Node(ids.get(i), hashes.get(i)));
    }
    return nodes;
  }
}
