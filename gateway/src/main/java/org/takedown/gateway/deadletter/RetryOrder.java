package org.takedown.gateway.deadletter;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.takedown.contracts.Platform;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.ListingParameters;

/**
 * A bulk retry as an admin asked for it: the body of {@code POST /api/v1/admin/dead-letters/retry},
 * checked field by field so that one 422 names every bad field.
 *
 * @param dryRun true unless the body says {@code "dryRun": false}: a bare POST, or one that only
 *     sets filters, never retries anything by surprise
 */
record RetryOrder(DeadLetterFilter filter, boolean dryRun) {

  /** Reads the body; null (no body) is a dry run over the whole dead letter. */
  static RetryOrder read(JsonNode body) {
    if (body == null) {
      return new RetryOrder(DeadLetterFilter.EVERYTHING, true);
    }
    if (!body.isObject()) {
      throw new InvalidInput(List.of(new Violation("$", "must be a JSON object")));
    }
    List<Violation> violations = new ArrayList<>();
    Platform platform = null;
    JsonNode platformNode = body.get("platform");
    if (present(platformNode)) {
      if (platformNode.isString()) {
        platform =
            ListingParameters.choice(
                "platform", platformNode.getStringValue(), Platform.class, violations);
      } else {
        violations.add(
            new Violation("platform", "must be one of " + ListingParameters.names(Platform.class)));
      }
    }
    Instant failedFrom = instant(body, "failedFrom", violations);
    Instant failedTo = instant(body, "failedTo", violations);
    boolean dryRun = true;
    JsonNode dryRunNode = body.get("dryRun");
    if (present(dryRunNode)) {
      if (dryRunNode.isBoolean()) {
        dryRun = dryRunNode.getBooleanValue();
      } else {
        violations.add(new Violation("dryRun", "must be true or false"));
      }
    }
    DeadLetterFilter filter = DeadLetterFilter.of(platform, failedFrom, failedTo, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return new RetryOrder(filter, dryRun);
  }

  private static Instant instant(JsonNode body, String name, List<Violation> violations) {
    JsonNode node = body.get(name);
    if (!present(node)) {
      return null;
    }
    if (!node.isString()) {
      violations.add(new Violation(name, ListingParameters.DATE_TIME_RULE));
      return null;
    }
    return ListingParameters.instant(name, node.getStringValue(), violations);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }
}
