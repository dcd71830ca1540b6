package org.takedown.gateway.custody.tree;

import java.util.ArrayList;
import java.util.List;

/** A store that counts round trips and remembers which subtrees were read. */
final class RecordingSubtreeHashes implements SubtreeHashes {

  private final SubtreeHashes store;
  final List<List<NodeId>> reads = new ArrayList<>();

  RecordingSubtreeHashes(SubtreeHashes store) {
    this.store = store;
  }

  @Override
  public Hash hash(NodeId node) {
    reads.add(List.of(node));
    return store.hash(node);
  }

  @Override
  public List<Hash> hashes(List<NodeId> nodes) {
    reads.add(List.copyOf(nodes));
    return store.hashes(nodes);
  }

  void clear() {
    reads.clear();
  }
}
