package org.takedown.gateway.custody.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored subtrees a proof is made of, before reading any. Each element of a proof is the
 * Merkle Tree Hash of a range of leaves; RFC 9162's recursion only ever asks for ranges that start
 * on a boundary of their own size's next power of two, so each range is a row of perfect subtrees,
 * largest first, and only the range at the tree's ragged right edge has more than one.
 */
final class ProofPlan {

  private final List<List<NodeId>> elements;

  private ProofPlan(List<List<NodeId>> elements) {
    this.elements = elements;
  }

  /** RFC 9162 2.1.3.1, PATH(m, D[n]), with the recursion unrolled. */
  static ProofPlan inclusion(long index, long treeSize) {
    if (treeSize < 1 || index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "no leaf %d in a tree of %d leaves".formatted(index, treeSize));
    }
    List<List<NodeId>> siblings = new ArrayList<>();
    long start = 0;
    long end = treeSize;
    while (end - start > 1) {
      long k = MerkleTree.split(end - start);
      if (index < start + k) {
        siblings.add(perfectSubtrees(start + k, end));
        end = start + k;
      } else {
        siblings.add(perfectSubtrees(start, start + k));
        start += k;
      }
    }
    Collections.reverse(siblings); // PATH lists the deepest sibling first
    return new ProofPlan(siblings);
  }

  /**
   * RFC 9162 2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true), unrolled. Empty when {@code from}
   * is 0 or equals {@code to}: there is nothing to prove.
   */
  static ProofPlan consistency(long from, long to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException(
          "no consistency proof from a tree of %d leaves to one of %d".formatted(from, to));
    }
    List<List<NodeId>> items = new ArrayList<>();
    if (from == 0 || from == to) {
      return new ProofPlan(items);
    }
    long start = 0;
    long end = to;
    long m = from;
    boolean whole = true; // b: D[start:start+m] is the whole old tree, whose root the verifier has
    while (true) {
      long n = end - start;
      if (m == n) {
        if (!whole) {
          items.add(perfectSubtrees(start, end));
        }
        break;
      }
      long k = MerkleTree.split(n);
      if (m <= k) {
        items.add(perfectSubtrees(start + k, end));
        end = start + k;
      } else {
        items.add(perfectSubtrees(start, start + k));
        start += k;
        m -= k;
        whole = false;
      }
    }
    Collections.reverse(items);
    return new ProofPlan(items);
  }

  /** The root of a tree of {@code treeSize} leaves: one element, the frontier's subtrees. */
  static ProofPlan root(long treeSize) {
    return new ProofPlan(List.of(perfectSubtrees(0, treeSize)));
  }

  /**
   * The perfect subtrees that make up the leaves [start, end), largest first. {@code start} must be
   * a multiple of the largest power of two not above {@code end - start}, as every range of the
   * RFC's recursion is.
   */
  static List<NodeId> perfectSubtrees(long start, long end) {
    List<NodeId> nodes = new ArrayList<>();
    while (start < end) {
      long width = Long.highestOneBit(end - start);
      int level = Long.numberOfTrailingZeros(width);
      nodes.add(new NodeId(level, start >> level));
      start += width;
    }
    return nodes;
  }

  /** The root of a row of adjacent subtrees, largest first, as RFC 9162's MTH would split them. */
  static Hash fold(List<Hash> row) {
    Hash hash = row.get(row.size() - 1);
    for (int i = row.size() - 2; i >= 0; i--) {
      hash = MerkleTree.nodeHash(row.get(i), hash);
    }
    return hash;
  }

  /** Every subtree the plan reads, once each, in first use order. */
  List<NodeId> nodes() {
    Set<NodeId> nodes = new LinkedHashSet<>();
    elements.forEach(nodes::addAll);
    return new ArrayList<>(nodes);
  }

  /** The proof's hashes, from one read of the store. */
  List<Hash> resolve(SubtreeHashes store) {
    List<NodeId> ids = nodes();
    List<Hash> read = ids.isEmpty() ? List.of() : store.hashes(ids);
    if (read.size() != ids.size()) {
      throw new IllegalStateException(
          "asked for %d subtree hashes, got %d".formatted(ids.size(), read.size()));
    }
    Map<NodeId, Hash> byId = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byId.put(ids.get(i), read.get(i));
    }
    List<Hash> proof = new ArrayList<>(elements.size());
    for (List<NodeId> element : elements) {
      List<Hash> row = new ArrayList<>(element.size());
      element.forEach(id -> row.add(byId.get(id)));
      proof.add(fold(row));
    }
    return proof;
  }
}
