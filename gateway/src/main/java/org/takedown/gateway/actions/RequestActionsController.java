package org.takedown.gateway.actions;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code POST /api/v1/requests/{id}/retry|cancel|extend-preservation}: officers act on requests.
 */
@Controller("/api/v1/requests/{id}")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestActionsController {

  private final OfficerActions actions;
  private final RequestReads requests;

  RequestActionsController(OfficerActions actions, RequestReads requests) {
    this.actions = actions;
    this.requests = requests;
  }

  @Post("/retry")
  RequestDetail retry(UUID id, Authentication officer, Viewer viewer) {
    actions.retry(id, officer.getName());
    return current(id, viewer);
  }

  @Post("/cancel")
  RequestDetail cancel(UUID id, Authentication officer, Viewer viewer) {
    actions.cancel(id, officer.getName());
    return current(id, viewer);
  }

  @Post("/extend-preservation")
  RequestDetail extendPreservation(UUID id, Authentication officer, Viewer viewer) {
    actions.extendPreservation(id, officer.getName());
    return current(id, viewer);
  }

  private RequestDetail current(UUID id, Viewer viewer) {
    return requests.find(id, viewer).orElseThrow(() -> new NotFound("no request " + id));
  }
}
