package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.testing.ApiDocument.map;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.ApiDocument;

/**
 * The OpenAPI document states the evidence bundle as the gateway serves it (a ZIP, for officers and
 * admins), and {@code /health}'s {@code custody} field.
 */
class EvidenceApiDocumentTest {

  private final Map<String, Object> document = ApiDocument.load();

  @Test
  void statesTheBundleAsAZipForOfficersAndAdmins() {
    Map<String, Object> evidence =
        map(map(map(document, "paths"), "/api/v1/cases/{id}/evidence"), "get");
    assertNotNull(evidence);
    assertEquals(List.of("liaison-officer", "admin"), evidence.get("x-required-roles"));
    assertEquals(List.of("Chain of custody"), evidence.get("tags"));
    Map<String, Object> responses = map(evidence, "responses");
    assertTrue(responses.keySet().containsAll(Set.of("200", "401", "403", "404")));
    assertEquals(Set.of("application/zip"), map(map(responses, "200"), "content").keySet());
  }

  @Test
  void statesTheCustodyFieldOfHealth() {
    Map<String, Object> health = map(map(map(document, "components"), "schemas"), "Health");
    Map<String, Object> custody = map(map(health, "properties"), "custody");
    assertNotNull(custody);
    assertEquals(
        Set.of("status", "treeSize", "checkedAt", "problem"), map(custody, "properties").keySet());
    assertEquals(
        List.of("UNCHECKED", "CONSISTENT", "INCONSISTENT"),
        map(map(custody, "properties"), "status").get("enum"));
  }
}
