package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
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

  /**
   * The query parameters of {@code request}, read the same way: the dead letter's and the
   * preservations' links carry the fields their forms post.
   */
  static FormFields query(HttpRequest<?> request) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    request
        .getParameters()
        .asMap()
        .forEach((name, values) -> fields.put(name, List.copyOf(values)));
    return new FormFields(fields);
  }

  /** The field's first value; null when it was not sent or is blank (an untouched field). */
  String filled(String name) {
    String value = first(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Every value of the field, in the order sent; empty when it was not sent. */
  List<String> all(String name) {
    return fields.getOrDefault(name, List.of());
  }
}
