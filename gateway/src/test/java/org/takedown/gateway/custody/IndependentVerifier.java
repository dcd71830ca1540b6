package org.takedown.gateway.custody;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * RFC 9162's verification algorithms (2.1.3.2 and 2.1.4.2), written again from the RFC for the
 * tests, with nothing of the production tree: what an auditor would write. Hashes are base64, as
 * the API serves them.
 */
final class IndependentVerifier {

  private IndependentVerifier() {}

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] leafHash(byte[] leafInput) {
    return sha256(new byte[] {0x00}, leafInput);
  }

  private static byte[] node(byte[] left, byte[] right) {
    return sha256(new byte[] {0x01}, left, right);
  }

  private static List<byte[]> decode(List<String> base64) {
    List<byte[]> hashes = new ArrayList<>();
    for (String h : base64) {
      hashes.add(Base64.getDecoder().decode(h));
    }
    return hashes;
  }

  /** RFC 9162 2.1.3.2: whether the leaf is at {@code index} of the tree of this root. */
  static boolean inclusion(
      long index, long treeSize, byte[] leafHash, List<String> auditPath, byte[] root) {
    if (index >= treeSize) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : decode(auditPath)) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /** RFC 9162 2.1.4.2: whether the tree of {@code second} leaves extends that of {@code first}. */
  static boolean consistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<String> proof) {
    List<byte[]> path = decode(proof);
    if (first > second) {
      return false;
    }
    if (first == second) {
      return path.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (first == 0) {
      // the empty tree is a prefix of every tree; RFC 9162 gives no proof for it
      return path.isEmpty();
    }
    if (path.isEmpty()) {
      return false;
    }
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    if ((fn & 1) == 1) {
      while ((fn & 1) == 1) {
        fn >>= 1;
        sn >>= 1;
      }
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
  }
}
