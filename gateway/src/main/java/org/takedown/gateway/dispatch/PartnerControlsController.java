package org.takedown.gateway.dispatch;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.platform.Platform;

/**
 * {@code /api/v1/admin/partners}: the partner controls of the admin role. Each answer describes
 * this instance's view of the partner (breakers and pauses are per instance).
 */
@Controller("/api/v1/admin/partners")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PartnerControlsController {

  private final PartnerLanes lanes;

  PartnerControlsController(PartnerLanes lanes) {
    this.lanes = lanes;
  }

  @Get
  Map<String, Object> partners() {
    Map<String, Object> partners = new LinkedHashMap<>();
    for (Platform platform : lanes.budgets().keySet()) {
      partners.put(platform.name().toLowerCase(Locale.ROOT), state(platform));
    }
    return partners;
  }

  /** Ends a pause for refused credentials now, e.g. right after they were rotated. */
  @Post("/{partner}/resume")
  Map<String, Object> resume(String partner, Authentication admin) {
    Platform platform = platform(partner);
    if (!lanes.resume(platform, admin.getName())) {
      throw new NotFound(partner + " is not configured on this gateway");
    }
    return state(platform);
  }

  private Map<String, Object> state(Platform platform) {
    PartnerBudget budget = lanes.budgets().get(platform);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("partner", platform.name().toLowerCase(Locale.ROOT));
    state.put("circuit", budget.circuit().name());
    state.put("paused", budget.isPaused());
    state.put("dispatching", lanes.dispatches(platform));
    state.put("heldForMillis", budget.heldFor().map(d -> d.toMillis()).orElse(0L));
    return state;
  }

  private static Platform platform(String partner) {
    try {
      return Platform.valueOf(partner.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotFound("no partner " + partner);
    }
  }
}
