package org.takedown.gateway.custody.tree;

import java.util.Objects;

/** A complete perfect subtree and its hash: what the log stores, once, and never changes. */
public record Node(NodeId id, Hash hash) {

  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
  }
}
