package org.takedown.gateway.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestPage;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.RequestCursor;
import org.takedown.gateway.web.JsonBody;

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

  DeadLetterController(DeadLetters deadLetters, RetryDeadLetters retryDeadLetters) {
    this.deadLetters = deadLetters;
    this.retryDeadLetters = retryDeadLetters;
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
  DeadLetterRetryResult retry(
      HttpRequest<?> request, @Nullable @Body byte[] body, Authentication admin) {
    RetryOrder order = RetryOrder.read(JsonBody.read(request, body).orElse(null));
    return retryDeadLetters.retry(order.filter(), order.dryRun(), admin.getName());
  }
}
