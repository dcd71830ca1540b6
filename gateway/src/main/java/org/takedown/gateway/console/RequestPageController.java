package org.takedown.gateway.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Duration;
import java.util.Optional;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.Lifecycle;
import org.takedown.gateway.status.CaseReads;
import org.takedown.gateway.status.RequestReads;
import org.takedown.gateway.tracking.PreservationWatch;

/**
 * {@code GET /console/requests/{id}}: one request and everything that happened to it, read as the
 * API reads it ({@link RequestReads#find}). An id that names no request, or is no id at all, is a
 * 404 page.
 */
@Controller("/console/requests")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestPageController {

  static final String VIEW = "console/request";

  private final RequestReads requests;
  private final CaseReads cases;
  private final ConsolePages pages;
  private final Duration preservationWarning;

  RequestPageController(
      RequestReads requests,
      CaseReads cases,
      ConsolePages pages,
      @Value(PreservationWatch.WARN_BEFORE) Duration preservationWarning) {
    this.requests = requests;
    this.cases = cases;
    this.pages = pages;
    this.preservationWarning = preservationWarning;
  }

  @Get("/{id}")
  HttpResponse<?> page(String id, HttpRequest<?> request, Viewer viewer) {
    Optional<RequestDetail> found = Ids.parse(id).flatMap(uuid -> requests.find(uuid, viewer));
    if (found.isEmpty()) {
      return pages.notFound(request);
    }
    RequestDetail detail = found.get();
    Chrome chrome = pages.chrome(request, null);
    Countdown due =
        Lifecycle.OPEN.contains(detail.status())
            ? chrome.countdown(detail.dueAt(), Countdown.DEADLINE_URGENT)
            : null;
    Countdown preservation =
        detail.preservedUntil() != null && detail.status() == RequestStatus.COMPLETED
            ? chrome.countdown(detail.preservedUntil(), preservationWarning)
            : null;
    RequestPage page =
        new RequestPage(
            detail, cases.findHead(detail.caseId(), viewer).orElse(null), due, preservation);
    return HttpResponse.ok(ConsolePages.page(VIEW, chrome, page));
  }
}
