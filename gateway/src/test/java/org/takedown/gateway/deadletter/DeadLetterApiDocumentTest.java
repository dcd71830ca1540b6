package org.takedown.gateway.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document clients read ({@code GET /openapi.yml}) states both dead-letter operations
 * as the gateway serves them, and every reference in it resolves.
 */
class DeadLetterApiDocumentTest {

  private final Map<String, Object> document = load();

  @Test
  void statesTheListingAndTheBulkRetryForAdminsOnly() {
    Map<String, Object> list = operation("/api/v1/admin/dead-letters", "get");
    Map<String, Object> retry = operation("/api/v1/admin/dead-letters/retry", "post");
    for (Map<String, Object> operation : List.of(list, retry)) {
      assertEquals(List.of("admin"), operation.get("x-required-roles"));
      assertTrue(
          map(operation, "responses").keySet().containsAll(Set.of("200", "401", "403", "422")),
          operation.get("operationId") + " lists its problems");
    }
    List<Object> parameters = new ArrayList<>();
    for (Object parameter : (List<?>) list.get("parameters")) {
      Map<String, Object> resolved = resolve(parameter);
      parameters.add(resolved.get("name"));
    }
    assertEquals(List.of("platform", "failedFrom", "failedTo", "limit", "cursor"), parameters);
    Map<String, Object> body = map(map(map(document, "components"), "schemas"), "DeadLetterRetry");
    assertEquals(
        Set.of("platform", "failedFrom", "failedTo", "dryRun"), map(body, "properties").keySet());
    assertEquals(true, map(map(body, "properties"), "dryRun").get("default"));
  }

  @Test
  void resolvesEveryReference() {
    List<String> references = new ArrayList<>();
    collectReferences(document, references);
    assertTrue(references.size() > 50, "the document uses references");
    for (String reference : references) {
      assertNotNull(resolve(Map.of("$ref", reference)), reference);
    }
  }

  private Map<String, Object> operation(String path, String method) {
    Map<String, Object> operation = map(map(map(document, "paths"), path), method);
    assertNotNull(operation, method + " " + path);
    return operation;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(Object node) {
    Map<String, Object> map = (Map<String, Object>) node;
    Object reference = map.get("$ref");
    if (reference == null) {
      return map;
    }
    Object target = document;
    for (String part : ((String) reference).substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(part);
      assertNotNull(target, "unresolved " + reference);
    }
    return (Map<String, Object>) target;
  }

  private static void collectReferences(Object node, List<String> references) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("$ref".equals(key)) {
              references.add((String) value);
            } else {
              collectReferences(value, references);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectReferences(item, references));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  private static Map<String, Object> load() {
    try (InputStream in =
        DeadLetterApiDocumentTest.class
            .getClassLoader()
            .getResourceAsStream("openapi/takedown-gateway.yml")) {
      assertNotNull(in, "the contracts module's document is on the classpath");
      return new Yaml().load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
