package org.takedown.gateway.custody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The leaf input of an entry (GATEWAY-API.md "Chain of custody"): the UTF-8 JSON {@code {"index",
 * "at", "kind", "requestId", "caseId", "platform", "actor", "contentSha256"}}, in that order, with
 * no white space. Built once, when the entry is integrated; the bytes are stored and served as they
 * are, so what a verifier hashes is what was hashed.
 */
final class LeafInput {

  private LeafInput() {}

  static byte[] of(
      long index,
      Instant at,
      String kind,
      UUID requestId,
      UUID caseId,
      String platform,
      String actor,
      byte[] contentSha256) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"index\":").append(index);
    json.append(",\"at\":");
    string(json, rfc3339(at));
    json.append(",\"kind\":");
    string(json, kind);
    json.append(",\"requestId\":");
    string(json, requestId == null ? null : requestId.toString());
    json.append(",\"caseId\":");
    string(json, caseId == null ? null : caseId.toString());
    json.append(",\"platform\":");
    string(json, platform);
    json.append(",\"actor\":");
    string(json, actor);
    json.append(",\"contentSha256\":");
    string(json, HexFormat.of().formatHex(contentSha256));
    json.append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 3339 in UTC, {@code Z}, with as many fraction digits as the instant needs (0, 3 or 6). */
  static String rfc3339(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at);
  }

  /** A JSON string (or null): quotes, backslashes and control characters escaped, nothing else. */
  static void string(StringBuilder json, String value) {
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !wellFormedPairAt(value, i)) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  /** A lone surrogate would not survive UTF-8; it is escaped instead. */
  private static boolean wellFormedPairAt(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
