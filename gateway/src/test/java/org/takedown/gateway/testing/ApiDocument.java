package org.takedown.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document clients read ({@code contracts}, served as {@code GET /openapi.yml}) as
 * plain YAML data, for the tests that check what it states beyond what {@link ContractValidator}
 * holds each exchange to: roles, parameter order, examples.
 */
public final class ApiDocument {

  private static final String RESOURCE = "openapi/takedown-gateway.yml";

  private ApiDocument() {}

  /** The whole document. */
  public static Map<String, Object> load() {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new AssertionError(RESOURCE + " is not on the classpath (contracts module)");
      }
      return new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The member {@code key} of {@code parent}, an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  /** {@code node} itself, or the object its {@code $ref} names; null when that names nothing. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> resolve(Map<String, Object> document, Object node) {
    Map<String, Object> map = (Map<String, Object>) node;
    Object reference = map.get("$ref");
    if (reference == null) {
      return map;
    }
    Object target = document;
    for (String part : ((String) reference).substring(2).split("/")) {
      target = target instanceof Map<?, ?> parent ? parent.get(part) : null;
    }
    return (Map<String, Object>) target;
  }

  /** Every {@code $ref} in {@code node}, in document order. */
  public static List<String> references(Object node) {
    List<String> references = new ArrayList<>();
    collect(node, references);
    return references;
  }

  private static void collect(Object node, List<String> references) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("$ref".equals(key)) {
              references.add((String) value);
            } else {
              collect(value, references);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collect(item, references));
    }
  }
}
