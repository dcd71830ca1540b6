package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.testing.ApiDocument.map;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.ApiDocument;

/**
 * The OpenAPI document clients read states the officers' actions as the gateway serves them: an
 * optional body with a reason of 1 to 500 characters, and the 422 a bad one gets.
 */
class OfficerActionsApiDocumentTest {

  private final Map<String, Object> document = ApiDocument.load();

  @Test
  void eachActionTakesAnOptionalReason() {
    for (OfficerAction action : OfficerAction.values()) {
      Map<String, Object> operation =
          map(map(map(document, "paths"), "/api/v1/requests/{id}/" + action.wireName()), "post");
      assertNotNull(operation, action.wireName());
      Map<String, Object> body = map(operation, "requestBody");
      assertEquals(false, body.get("required"), action.wireName());
      assertEquals(
          "#/components/schemas/OfficerActionReason",
          map(map(map(body, "content"), "application/json"), "schema").get("$ref"));
      assertTrue(map(operation, "responses").containsKey("422"), action.wireName());
      assertTrue(map(operation, "responses").containsKey("415"), action.wireName());
    }
    Map<String, Object> reason =
        map(
            map(
                map(map(map(document, "components"), "schemas"), "OfficerActionReason"),
                "properties"),
            Reason.FIELD);
    assertEquals(Reason.MAX_LENGTH, reason.get("maxLength"));
    assertEquals(1, reason.get("minLength"));
  }
}
