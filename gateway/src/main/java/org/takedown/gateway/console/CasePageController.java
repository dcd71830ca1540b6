package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.Optional;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.CaseFile;
import org.takedown.gateway.status.CaseReads;

/**
 * {@code GET /console/cases/{id}}: a case as its submitter declared it and its requests ({@link
 * CaseReads#findFile}). An id that names no case, or is no id at all, is a 404 page.
 */
@Controller("/console/cases")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class CasePageController {

  static final String VIEW = "console/case";

  private final CaseReads cases;
  private final ConsolePages pages;

  CasePageController(CaseReads cases, ConsolePages pages) {
    this.cases = cases;
    this.pages = pages;
  }

  @Get("/{id}")
  HttpResponse<?> page(String id, HttpRequest<?> request, Viewer viewer) {
    Optional<CaseFile> found = Ids.parse(id).flatMap(uuid -> cases.findFile(uuid, viewer));
    if (found.isEmpty()) {
      return pages.notFound(request);
    }
    Chrome chrome = pages.chrome(request, null);
    CasePage page =
        new CasePage(
            found.get(),
            found.get().requests().stream()
                .map(
                    r ->
                        new CasePage.Row(
                            r,
                            RequestStates.fromContract(r.status()).isOpen()
                                ? chrome.countdown(r.dueAt(), Countdown.DEADLINE_URGENT)
                                : null))
                .toList());
    return HttpResponse.ok(ConsolePages.page(VIEW, chrome, page));
  }
}
