package org.takedown.gateway.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestPage;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.MalformedJson;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.RequestCursor;

/**
 * {@code /api/v1/admin/dead-letters}: admins list the FAILED requests by partner and time of
 * failure, and retry them in bulk after a dry-run count. A partner control, so admins only.
 */
@Controller("/api/v1/admin/dead-letters")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeadLetterController {

  private final DeadLetters deadLetters;
  private final RetryDeadLetters retryDeadLetters;
  private final JsonMapper json;

  DeadLetterController(
      DeadLetters deadLetters, RetryDeadLetters retryDeadLetters, JsonMapper json) {
    this.deadLetters = deadLetters;
    this.retryDeadLetters = retryDeadLetters;
    this.json = json;
  }

  @Get
  RequestPage list(
      @Nullable @QueryValue String platform,
      @Nullable @QueryValue String failedFrom,
      @Nullable @QueryValue String failedTo,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    List<Violation> violations = new ArrayList<>();
    DeadLetterFilter filter =
        DeadLetterFilter.of(
            ListingParameters.choice("platform", platform, Platform.class, violations),
            ListingParameters.instant("failedFrom", failedFrom, violations),
            ListingParameters.instant("failedTo", failedTo, violations),
            violations);
    int size = ListingParameters.limit(limit, violations);
    RequestCursor after = ListingParameters.cursor(cursor, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return deadLetters.list(filter, size, after);
  }

  @Post(uri = "/retry", consumes = MediaType.APPLICATION_JSON)
  DeadLetterRetryResult retry(@Nullable @Body byte[] body, Authentication admin) {
    RetryOrder order = RetryOrder.read(readTree(body));
    return retryDeadLetters.retry(order.filter(), order.dryRun(), admin.getName());
  }

  /** The body as a JSON tree; null when there is none. */
  private JsonNode readTree(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, Argument.of(JsonNode.class));
    } catch (IOException | RuntimeException e) {
      throw new MalformedJson("the body is not valid JSON");
    }
  }
}
