package org.takedown.gateway.custody.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrontierTest {

  private static final int MAX = 200;

  private final List<Hash> leaves = ProofNodesTest.leaves(MAX + 40);

  @Test
  void buildsThePublishedReferenceTreeNodeByNode() {
    Frontier frontier = Frontier.empty();
    Map<NodeId, Hash> stored = new HashMap<>();
    List<Hash> published = PublishedVectors.leafHashes();
    assertEquals(PublishedVectors.EMPTY_ROOT, frontier.root());
    for (int size = 1; size <= 8; size++) {
      for (Node node : frontier.append(published.get(size - 1))) {
        assertEquals(published(node.id()), node.hash(), "node " + node.id());
        stored.put(node.id(), node.hash());
      }
      assertEquals(PublishedVectors.root(size), frontier.root(), "root of " + size);
      assertEquals(
          PublishedVectors.FRONTIERS.get(size), frontier.nodes().stream().map(Node::id).toList());
      assertEquals(PublishedVectors.FRONTIERS.get(size), Frontier.nodeIds(size));
    }
    assertEquals(15, stored.size(), "every complete subtree of 8 leaves, each once");
  }

  @Test
  void rootEqualsTheRecursiveDefinitionForEverySizeUpTo200() {
    Frontier frontier = Frontier.empty();
    for (int size = 1; size <= MAX; size++) {
      frontier.append(leaves.get(size - 1));
      assertEquals(size, frontier.size());
      assertEquals(MerkleTree.rootOf(leaves.subList(0, size)), frontier.root(), "root of " + size);
    }
  }

  /**
   * The integrator's use: random batches, each batch's completed subtrees stored, the frontier
   * sometimes rebuilt from the store (a restart). Roots match the definition after every batch, the
   * store ends with every complete subtree exactly once, and each batch costs O(k + log n).
   */
  @Test
  void batchesOfRandomSizesStoreEveryCompleteSubtreeOnce() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      InMemorySubtreeHashes store = new InMemorySubtreeHashes();
      Frontier frontier = Frontier.empty();
      int stored = 0;
      while (frontier.size() < MAX) {
        int size = (int) frontier.size();
        int k = Math.min(1 + random.nextInt(random.nextBoolean() ? 3 : 40), leaves.size() - size);
        List<Node> completed = frontier.appendAll(leaves.subList(size, size + k));
        int height = 64 - Long.numberOfLeadingZeros(size + k);
        assertTrue(completed.size() <= 2 * k + height, completed.size() + " nodes for " + k);
        assertEquals(completed.size(), completed.stream().map(Node::id).distinct().count());
        store.putAll(completed);
        stored += completed.size();
        int newSize = size + k;
        assertEquals(
            MerkleTree.rootOf(leaves.subList(0, newSize)), frontier.root(), "seed " + seed);
        assertEquals(frontier.root(), Proofs.root(newSize, store));
        if (random.nextInt(4) == 0) {
          frontier = Frontier.restore(newSize, store);
        }
      }
      long size = frontier.size();
      assertEquals(completeSubtrees(size), stored, "seed " + seed);
      assertEquals(stored, store.nodeCount());
      for (int level = 0; (1L << level) <= size; level++) {
        for (long index = 0; (index + 1) << level <= size; index++) {
          NodeId id = new NodeId(level, index);
          List<Hash> covered = leaves.subList((int) id.firstLeaf(), (int) id.endLeaf());
          assertEquals(MerkleTree.rootOf(covered), store.hash(id), "seed " + seed + ", " + id);
        }
      }
    }
  }

  @Test
  void restoresFromItsOwnNodes() {
    Frontier frontier = Frontier.empty();
    frontier.appendAll(leaves.subList(0, 77));
    Frontier restored = Frontier.restore(77, frontier.nodes().stream().map(Node::hash).toList());
    assertEquals(frontier.root(), restored.root());
    assertEquals(frontier.append(leaves.get(77)), restored.append(leaves.get(77)));
    assertThrows(IllegalArgumentException.class, () -> Frontier.restore(77, List.of()));
    assertThrows(IllegalArgumentException.class, () -> Frontier.nodeIds(-1));
  }

  @Test
  void theStoreRefusesToRewriteANode() {
    InMemorySubtreeHashes store = InMemorySubtreeHashes.ofLeaves(leaves.subList(0, 4));
    Node rewritten = new Node(new NodeId(1, 0), leaves.get(0));
    assertThrows(IllegalStateException.class, () -> store.putAll(List.of(rewritten)));
    store.putAll(List.of(new Node(NodeId.leaf(0), leaves.get(0))));
  }

  private static Hash published(NodeId id) {
    return PublishedVectors.NODES.get(id.level()).get((int) id.index());
  }

  private static long completeSubtrees(long size) {
    long count = 0;
    for (long width = size; width > 0; width >>= 1) {
      count += width;
    }
    return count;
  }
}
