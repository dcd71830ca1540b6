package org.takedown.gateway.custody.tree;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value of the tree: a leaf hash, a node hash or a root. Immutable, 32 bytes. */
public final class Hash {

  /** The size of every hash of the tree, in bytes. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}, which must be exactly {@value #SIZE} bytes. */
  public static Hash of(byte[] bytes) {
    if (bytes == null || bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "a tree hash is %d bytes, not %s"
              .formatted(SIZE, bytes == null ? "null" : String.valueOf(bytes.length)));
    }
    return new Hash(bytes.clone());
  }

  public static Hash fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** From the standard base64 alphabet with padding, as the custody endpoints write it. */
  public static Hash fromBase64(String base64) {
    return of(Base64.getDecoder().decode(base64));
  }

  /** Wraps a digest this package has just computed, without copying it. */
  static Hash wrap(byte[] digest) {
    return new Hash(digest);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Feeds the bytes to a digest without exposing the array. */
  void writeTo(java.security.MessageDigest digest) {
    digest.update(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash hash && Arrays.equals(bytes, hash.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
