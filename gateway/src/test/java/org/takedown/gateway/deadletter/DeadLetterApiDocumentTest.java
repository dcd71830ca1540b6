package org.takedown.gateway.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.testing.ApiDocument.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.ApiDocument;

/**
 * The OpenAPI document clients read ({@code GET /openapi.yml}) states both dead-letter operations
 * as the gateway serves them, and every reference in it resolves.
 */
class DeadLetterApiDocumentTest {

  private final Map<String, Object> document = ApiDocument.load();

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
      Map<String, Object> resolved = ApiDocument.resolve(document, parameter);
      parameters.add(resolved.get("name"));
    }
    assertEquals(List.of("platform", "failedFrom", "failedTo", "limit", "cursor"), parameters);
    Map<String, Object> body = map(map(map(document, "components"), "schemas"), "DeadLetterRetry");
    assertEquals(
        Set.of("platform", "failedFrom", "failedTo", "dryRun"), map(body, "properties").keySet());
    assertEquals(true, map(map(body, "properties"), "dryRun").get("default"));
  }

  private Map<String, Object> operation(String path, String method) {
    Map<String, Object> operation = map(map(map(document, "paths"), path), method);
    assertNotNull(operation, method + " " + path);
    return operation;
  }
}
