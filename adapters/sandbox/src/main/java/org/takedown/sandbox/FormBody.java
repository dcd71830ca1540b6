package org.takedown.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, as OAuth token endpoints receive it. */
final class FormBody {

  private FormBody() {}

  /**
   * The fields of {@code body}; a field given twice keeps its last value.
   *
   * @throws IllegalArgumentException when a field is not valid percent-encoding
   */
  static Map<String, String> parse(String body) {
    Map<String, String> fields = new HashMap<>();
    if (body == null || body.isEmpty()) {
      return fields;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.put(decode(name), decode(value));
    }
    return fields;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
