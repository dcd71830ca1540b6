package org.takedown.gateway.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parameters of a raw (still percent-encoded) URL query, in their original order. Names and
 * values stay encoded so that the canonical URL reproduces them exactly as the partner wrote them.
 */
final class QueryParameters {

  private record Parameter(String name, String value) {}

  private final List<Parameter> parameters;

  private QueryParameters(List<Parameter> parameters) {
    this.parameters = parameters;
  }

  static QueryParameters parse(String rawQuery) {
    List<Parameter> parameters = new ArrayList<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        if (!name.isEmpty()) {
          parameters.add(new Parameter(name, value));
        }
      }
    }
    return new QueryParameters(parameters);
  }

  /**
   * The first non-empty value of the parameter with this name, empty when there is none. An empty
   * value counts as absent, as it does in {@link #retain}, so that a URL and its canonical form
   * yield the same content id.
   */
  Optional<String> first(String name) {
    return parameters.stream()
        .filter(p -> p.name().equals(name) && !p.value().isEmpty())
        .map(Parameter::value)
        .findFirst();
  }

  /**
   * The query reduced to the first occurrence of each parameter whose name is accepted and whose
   * value is not empty, in the original order; an empty string when none remains.
   */
  String retain(Predicate<String> acceptedName) {
    Set<String> seen = new HashSet<>();
    List<String> kept = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (!parameter.value().isEmpty()
          && acceptedName.test(parameter.name())
          && seen.add(parameter.name())) {
        kept.add(parameter.name() + "=" + parameter.value());
      }
    }
    return String.join("&", kept);
  }
}
