package org.takedown.gateway.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a posted console form ({@code application/x-www-form-urlencoded}, UTF-8), each with
 * all its values in order: a bulk form repeats {@code id} once per selected row. A pair that does
 * not decode is left out, as if the browser had not sent it.
 */
final class FormFields {

  private final Map<String, List<String>> fields;

  private FormFields(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  static FormFields parse(byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (body == null || body.length == 0) {
      return new FormFields(fields);
    }
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF8);
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException malformed) {
        // a broken %-escape: the pair is left out
      }
    }
    return new FormFields(fields);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** The field's first value; null when it was not sent. */
  String first(String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of the field, in the order sent; empty when it was not sent. */
  List<String> all(String name) {
    return fields.getOrDefault(name, List.of());
  }
}
