package org.takedown.gateway.actions;

import io.micronaut.json.tree.JsonNode;
import java.util.List;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;

/**
 * The optional body of {@code POST /api/v1/requests/{id}/retry|cancel|extend-preservation}: {@code
 * {"reason": "..."}}. No body, or a body without {@code reason} (or with it null), is an action
 * without a reason, as before reasons existed; unknown members are ignored.
 */
final class ActionBody {

  private ActionBody() {}

  /**
   * The reason {@code body} gives; null when it gives none.
   *
   * @throws InvalidInput when the body is not an object, or its reason is not a string that is a
   *     {@link Reason}
   */
  static Reason reason(JsonNode body) {
    if (body == null) {
      return null;
    }
    if (!body.isObject()) {
      throw new InvalidInput(List.of(new Violation("$", "must be a JSON object")));
    }
    JsonNode reason = body.get(Reason.FIELD);
    if (reason == null || reason.isNull()) {
      return null;
    }
    if (!reason.isString()) {
      throw new InvalidInput(List.of(new Violation(Reason.FIELD, "must be a string")));
    }
    return new Reason(reason.getStringValue());
  }
}
