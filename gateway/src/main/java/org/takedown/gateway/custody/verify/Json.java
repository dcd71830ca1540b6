package org.takedown.gateway.custody.verify;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/** The few JSON reads the verifier needs, through Nimbus's parser (no other library). */
final class Json {

  private Json() {}

  /** The JSON object in {@code bytes}, or null when they are not one (UTF-8). */
  static Map<String, Object> object(byte[] bytes) {
    try {
      return JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  /** A whole number member, or null when absent or not one. */
  static Long whole(Map<String, Object> object, String name) {
    Object value = object.get(name);
    if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 0x1p53) {
      return n.longValue();
    }
    return null;
  }

  /** A string member, or null when absent or not a string. */
  static String string(Map<String, Object> object, String name) {
    return object.get(name) instanceof String s ? s : null;
  }
}
