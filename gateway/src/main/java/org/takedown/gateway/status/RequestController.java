package org.takedown.gateway.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestPage;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.Violation;

/** Officers list and read requests; a submitter reads the requests of its own cases. */
@Controller("/api/v1/requests")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestController {

  private final RequestReads requests;

  RequestController(RequestReads requests) {
    this.requests = requests;
  }

  @Get
  @Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
  RequestPage list(
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String platform,
      @Nullable @QueryValue String action,
      @Nullable @QueryValue String category,
      @Nullable @QueryValue String overdue,
      @Nullable @QueryValue String caseRef,
      @Nullable @QueryValue String createdFrom,
      @Nullable @QueryValue String createdTo,
      @Nullable @QueryValue String partnerRef,
      @Nullable @QueryValue String url,
      @Nullable @QueryValue String contentId,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    List<Violation> violations = new ArrayList<>();
    Instant from = ListingParameters.instant("createdFrom", createdFrom, violations);
    Instant to = ListingParameters.instant("createdTo", createdTo, violations);
    ListingParameters.range("createdFrom", from, "createdTo", to, violations);
    RequestFilter filter =
        new RequestFilter(
            ListingParameters.state("status", status, violations),
            ListingParameters.choice("platform", platform, Platform.class, violations),
            ListingParameters.choice("action", action, Action.class, violations),
            ListingParameters.choice("category", category, Category.class, violations),
            ListingParameters.flag("overdue", overdue, violations),
            ListingParameters.text("caseRef", caseRef, violations),
            from,
            to,
            ListingParameters.text("partnerRef", partnerRef, violations),
            ListingParameters.contentUrl("url", url, violations),
            ListingParameters.text("contentId", contentId, violations),
            ListingParameters.limit(limit, violations),
            ListingParameters.cursor(cursor, violations));
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return requests.list(filter);
  }

  @Get("/{id}")
  @Secured({Roles.CASE_SUBMITTER, Roles.LIAISON_OFFICER, Roles.ADMIN})
  RequestDetail read(UUID id, Viewer viewer) {
    return requests.find(id, viewer).orElseThrow(() -> new NotFound("no request " + id));
  }
}
