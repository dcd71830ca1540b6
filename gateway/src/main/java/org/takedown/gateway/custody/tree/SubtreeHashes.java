package org.takedown.gateway.custody.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Where proofs read the hashes of complete perfect subtrees: the custody log's stored nodes in
 * production, {@link InMemorySubtreeHashes} in tests and in the offline verifier. A proof or a root
 * needs O(log n) of them, asked for in one {@link #hashes} call.
 */
public interface SubtreeHashes {

  /**
   * The hash of a complete subtree.
   *
   * @throws java.util.NoSuchElementException when the node is not stored (not complete yet)
   */
  Hash hash(NodeId node);

  /**
   * The hashes of these nodes, in their order. A store that pays per round trip (a database)
   * overrides this to read them all at once.
   */
  default List<Hash> hashes(List<NodeId> nodes) {
    List<Hash> hashes = new ArrayList<>(nodes.size());
    for (NodeId node : nodes) {
      hashes.add(hash(node));
    }
    return hashes;
  }
}
