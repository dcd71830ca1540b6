package org.takedown.gateway.custody.tree;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Subtree hashes held in memory: for tests, and for a verifier that rebuilds a small tree. */
public final class InMemorySubtreeHashes implements SubtreeHashes {

  private final Map<NodeId, Hash> hashes = new HashMap<>();

  /** Every complete subtree of the tree of these leaves, built as the log builds it. */
  public static InMemorySubtreeHashes ofLeaves(List<Hash> leafHashes) {
    InMemorySubtreeHashes store = new InMemorySubtreeHashes();
    store.putAll(Frontier.empty().appendAll(leafHashes));
    return store;
  }

  /**
   * Keeps these nodes. A node is written once: storing another hash for a stored node is refused,
   * as the log's table refuses it.
   */
  public void putAll(Collection<Node> nodes) {
    for (Node node : nodes) {
      Hash stored = hashes.putIfAbsent(node.id(), node.hash());
      if (stored != null && !stored.equals(node.hash())) {
        throw new IllegalStateException(
            "node %s is stored with hash %s, refusing %s"
                .formatted(node.id(), stored, node.hash()));
      }
    }
  }

  @Override
  public Hash hash(NodeId node) {
    Hash hash = hashes.get(node);
    if (hash == null) {
      throw new NoSuchElementException(
          "no stored hash for the subtree at level %d, index %d"
              .formatted(node.level(), node.index()));
    }
    return hash;
  }

  public int nodeCount() {
    return hashes.size();
  }
}
