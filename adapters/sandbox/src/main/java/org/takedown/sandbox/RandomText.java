package org.takedown.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable strings for tokens, trace ids and key ids. */
final class RandomText {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomText() {}

  /** {@code bytes} random bytes as lower-case hex. */
  static String hex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  /** {@code bytes} random bytes as unpadded base64url. */
  static String urlSafe(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  /** A random long in {@code [0, bound)}. */
  static long below(long bound) {
    return RANDOM.nextLong(bound);
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
