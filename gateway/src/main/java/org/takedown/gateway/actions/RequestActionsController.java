package org.takedown.gateway.actions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
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
import org.takedown.gateway.web.JsonBody;

/**
 * {@code POST /api/v1/requests/{id}/retry|cancel|extend-preservation}: officers act on requests,
 * with an optional JSON body {@code {"reason": "..."}} ({@link ActionBody}); a POST without a body
 * acts without a reason.
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

  @Post(uri = "/retry", consumes = MediaType.APPLICATION_JSON)
  RequestDetail retry(
      UUID id,
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      Authentication officer,
      Viewer viewer) {
    return act(OfficerAction.RETRY, id, request, body, officer, viewer);
  }

  @Post(uri = "/cancel", consumes = MediaType.APPLICATION_JSON)
  RequestDetail cancel(
      UUID id,
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      Authentication officer,
      Viewer viewer) {
    return act(OfficerAction.CANCEL, id, request, body, officer, viewer);
  }

  @Post(uri = "/extend-preservation", consumes = MediaType.APPLICATION_JSON)
  RequestDetail extendPreservation(
      UUID id,
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      Authentication officer,
      Viewer viewer) {
    return act(OfficerAction.EXTEND_PRESERVATION, id, request, body, officer, viewer);
  }

  private RequestDetail act(
      OfficerAction action,
      UUID id,
      HttpRequest<?> request,
      byte[] body,
      Authentication officer,
      Viewer viewer) {
    // the body is read first: a bad reason is a 422 whatever the request's state
    Reason reason = ActionBody.reason(JsonBody.read(request, body).orElse(null));
    actions.act(action, id, officer.getName(), reason);
    return requests.find(id, viewer).orElseThrow(() -> new NotFound("no request " + id));
  }
}
