package org.takedown.gateway.custody.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * That the tree of {@code to} leaves extends the tree of {@code from} leaves, keeping all of them
 * unchanged: the consistency path of RFC 9162 2.1.4.
 */
public record ConsistencyProof(long from, long to, List<Hash> path) {

  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /**
   * Checks that {@code toRoot}'s tree extends {@code fromRoot}'s (RFC 9162 2.1.4.2). Two trivial
   * cases the RFC leaves out, as transparency-dev/merkle settles them: equal sizes need equal roots
   * and an empty path; any tree extends the empty one (whose root must be {@link
   * MerkleTree#emptyRoot()}) with an empty path.
   *
   * @throws InvalidProofException naming what does not hold
   */
  public void verify(Hash fromRoot, Hash toRoot) {
    Supplier<InvalidProofException> failure = check(fromRoot, toRoot);
    if (failure != null) {
      throw failure.get();
    }
  }

  /** {@link #verify} as a predicate, without the cost of an exception when it fails. */
  public boolean verifies(Hash fromRoot, Hash toRoot) {
    return check(fromRoot, toRoot) == null;
  }

  private Supplier<InvalidProofException> check(Hash fromRoot, Hash toRoot) {
    if (from < 0 || from > to) {
      return () -> InvalidProofException.sizesOutOfOrder(from, to);
    }
    if (from == to) {
      if (!path.isEmpty()) {
        return () -> InvalidProofException.notEmpty(describe(), path.size(), "the sizes are equal");
      }
      if (!fromRoot.equals(toRoot)) {
        return () -> InvalidProofException.rootMismatch(describe(), toRoot, fromRoot);
      }
      return null;
    }
    if (from == 0) {
      if (!path.isEmpty()) {
        return () ->
            InvalidProofException.notEmpty(describe(), path.size(), "the first tree is empty");
      }
      if (!fromRoot.equals(MerkleTree.emptyRoot())) {
        return () ->
            InvalidProofException.rootMismatch(describe(), MerkleTree.emptyRoot(), fromRoot);
      }
      return null;
    }
    if (path.isEmpty()) {
      return () -> InvalidProofException.empty(describe());
    }
    List<Hash> c = path;
    if (Long.bitCount(from) == 1) {
      // the old tree is a perfect subtree of the new: its root starts the path
      c = new ArrayList<>(path.size() + 1);
      c.add(fromRoot);
      c.addAll(path);
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Hash first = c.get(0);
    Hash fr = first;
    Hash sr = first;
    for (Hash h : c.subList(1, c.size())) {
      if (sn == 0) {
        return () -> InvalidProofException.pathTooLong(describe(), path.size());
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleTree.nodeHash(h, fr);
        sr = MerkleTree.nodeHash(h, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = MerkleTree.nodeHash(sr, h);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return () -> InvalidProofException.pathTooShort(describe(), path.size());
    }
    if (!fr.equals(fromRoot)) {
      Hash computed = fr;
      return () ->
          InvalidProofException.rootMismatch(describe() + " (old tree)", computed, fromRoot);
    }
    if (!sr.equals(toRoot)) {
      Hash computed = sr;
      return () -> InvalidProofException.rootMismatch(describe() + " (new tree)", computed, toRoot);
    }
    return null;
  }

  private String describe() {
    return "the consistency proof from %d to %d leaves".formatted(from, to);
  }
}
