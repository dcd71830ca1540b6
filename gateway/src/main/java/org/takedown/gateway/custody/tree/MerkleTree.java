package org.takedown.gateway.custody.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The hashes of RFC 9162 section 2.1.1: {@code SHA-256(0x00 || input)} for a leaf, {@code
 * SHA-256(0x01 || left || right)} for a node, and the Merkle Tree Hash of a list of leaves. The
 * prefixes keep a leaf from ever passing for a node (second-preimage resistance).
 */
public final class MerkleTree {

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final MessageDigest SHA_256 = newSha256();
  private static final Hash EMPTY_ROOT = Hash.wrap(sha256().digest());

  private MerkleTree() {}

  /** The hash of a leaf whose input (the exact bytes of a custody entry) is {@code input}. */
  public static Hash leafHash(byte[] input) {
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(input);
    return Hash.wrap(digest.digest());
  }

  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    left.writeTo(digest);
    right.writeTo(digest);
    return Hash.wrap(digest.digest());
  }

  /** The root of the tree of no leaf: SHA-256 of the empty string. */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  /**
   * The Merkle Tree Hash of these leaf hashes, by the recursive definition (O(n)): the reference
   * the stored, incremental forms are tested against, and what a verifier holding every leaf uses.
   */
  public static Hash rootOf(List<Hash> leafHashes) {
    return leafHashes.isEmpty() ? EMPTY_ROOT : subtreeRoot(leafHashes);
  }

  private static Hash subtreeRoot(List<Hash> leaves) {
    int n = leaves.size();
    if (n == 1) {
      return leaves.get(0);
    }
    int k = (int) split(n);
    return nodeHash(subtreeRoot(leaves.subList(0, k)), subtreeRoot(leaves.subList(k, n)));
  }

  /** The largest power of two smaller than {@code n} (n >= 2): where RFC 9162 splits a tree. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone(); // cheaper than a provider lookup per hash
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
