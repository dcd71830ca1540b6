package org.takedown.gateway.callback;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.List;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.platform.Platform;

/**
 * {@code GET /api/v1/callback-orphans}: officers look into verified partner callbacks that named no
 * request the gateway knew.
 */
@Controller("/api/v1/callback-orphans")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrphanController {

  private final OrphanCallbacks orphans;

  OrphanController(OrphanCallbacks orphans) {
    this.orphans = orphans;
  }

  @Get
  OrphanPage list(
      @Nullable @QueryValue String platform,
      @Nullable @QueryValue String adopted,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    List<Violation> violations = new ArrayList<>();
    Platform partner = ListingParameters.choice("platform", platform, Platform.class, violations);
    Boolean isAdopted = ListingParameters.flag("adopted", adopted, violations);
    int size = ListingParameters.limit(limit, violations);
    Long before = cursor(cursor, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return orphans.list(partner, isAdopted, size, before);
  }

  private static Long cursor(String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation("cursor", "must be a nextCursor this endpoint issued"));
    return null;
  }
}
