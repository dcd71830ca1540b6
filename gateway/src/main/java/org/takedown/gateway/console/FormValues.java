package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a form-encoded body as Micronaut hands them to a controller ({@code @Body Map}): a
 * field sent once is a string, a field sent several times (the checkboxes of a selection) a list.
 */
final class FormValues {

  private final Map<String, Object> form;

  FormValues(Map<String, Object> form) {
    this.form = form == null ? Map.of() : form;
  }

  /** The query parameters of {@code request}, read the same way. */
  static FormValues query(HttpRequest<?> request) {
    Map<String, Object> parameters = new HashMap<>();
    request.getParameters().asMap().forEach((name, values) -> parameters.put(name, values));
    return new FormValues(parameters);
  }

  /** Every value of {@code name}, in the order sent; empty when absent. */
  List<String> all(String name) {
    Object value = form.get(name);
    List<String> values = new ArrayList<>();
    if (value instanceof Collection<?> many) {
      many.forEach(v -> values.add(String.valueOf(v)));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
    return values;
  }

  /** The value of {@code name}, null when absent or blank; the first, if sent more than once. */
  String one(String name) {
    List<String> values = all(name);
    return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }
}
