package org.takedown.gateway.custody.tree;

/** A proof that does not prove what it claims; the message says why, with the facts. */
public final class InvalidProofException extends RuntimeException {

  private InvalidProofException(String message) {
    super(message);
  }

  static InvalidProofException noSuchLeaf(long index, long treeSize) {
    return new InvalidProofException(
        "leaf %d cannot be in a tree of %d leaves".formatted(index, treeSize));
  }

  static InvalidProofException pathTooLong(String proof, int length) {
    return new InvalidProofException(
        "%s has %d hashes, more than the tree's height allows".formatted(proof, length));
  }

  static InvalidProofException pathTooShort(String proof, int length) {
    return new InvalidProofException(
        "%s has %d hashes, too few to reach the root".formatted(proof, length));
  }

  static InvalidProofException rootMismatch(String proof, Hash computed, Hash expected) {
    return new InvalidProofException(
        "%s leads to root %s, not %s".formatted(proof, computed, expected));
  }

  static InvalidProofException sizesOutOfOrder(long from, long to) {
    return new InvalidProofException(
        "a tree of %d leaves cannot extend one of %d".formatted(to, from));
  }

  static InvalidProofException notEmpty(String proof, int length, String why) {
    return new InvalidProofException(
        "%s has %d hashes, but must be empty: %s".formatted(proof, length, why));
  }

  static InvalidProofException empty(String proof) {
    return new InvalidProofException("%s is empty".formatted(proof));
  }
}
