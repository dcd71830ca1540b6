package org.takedown.adapters.tiktok;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TikTok's {@code TikTok-Signature} header, {@code t=<unix s>,s=<hex HMAC-SHA256(client-secret, t +
 * "." + raw body)>} (PARTNERS.md, TikTok "Callbacks"). Binding the timestamp into the MAC is what
 * lets a stale delivery be told apart from a fresh one.
 */
final class TikTokSignature {

  static final String HMAC = "HmacSHA256";

  private static final Pattern FORM =
      Pattern.compile("\\s*t=(\\d{1,12})\\s*,\\s*s=([0-9A-Fa-f]{64})\\s*");

  private final long timestamp;
  private final byte[] mac;

  private TikTokSignature(long timestamp, byte[] mac) {
    this.timestamp = timestamp;
    this.mac = mac;
  }

  /** The header's parts; empty when it is not exactly {@code t=<digits>,s=<64 hex digits>}. */
  static Optional<TikTokSignature> parse(String header) {
    Matcher parts = FORM.matcher(header);
    if (!parts.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new TikTokSignature(
            Long.parseLong(parts.group(1)), HexFormat.of().parseHex(parts.group(2))));
  }

  /** When TikTok says it signed, in unix seconds. */
  long timestamp() {
    return timestamp;
  }

  /** Whether the MAC covers {@code rawBody} with this timestamp; compared in constant time. */
  boolean matches(byte[] rawBody, SecretKeySpec clientSecret) {
    try {
      Mac hmac = Mac.getInstance(HMAC);
      hmac.init(clientSecret);
      hmac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return MessageDigest.isEqual(hmac.doFinal(rawBody), mac);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JRE ships HmacSHA256, and the configured secret is never empty.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
