package org.takedown.gateway.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code GET /console/requests/{id}}: one request and everything that happened to it, read as the
 * API reads it ({@link RequestReads#find}), with the forms of the actions its state allows. After
 * an action (post-redirect-get, {@link RequestActionController}) it says once that the action was
 * done. An id that names no request, or is no id at all, is a 404 page.
 */
@Controller("/console/requests")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestPageController {

  static final String VIEW = "console/request";

  private final RequestPages requestPages;
  private final ConsolePages pages;
  private final boolean secureCookies;

  RequestPageController(
      RequestPages requestPages,
      ConsolePages pages,
      @Value(ActionDone.SECURE) boolean secureCookies) {
    this.requestPages = requestPages;
    this.pages = pages;
    this.secureCookies = secureCookies;
  }

  @Get("/{id}")
  HttpResponse<?> page(String id, HttpRequest<?> request, Viewer viewer) {
    Optional<UUID> uuid = Ids.parse(id);
    if (uuid.isEmpty()) {
      return pages.notFound(request);
    }
    Chrome chrome = pages.chrome(request, null);
    Optional<ActionNotice> done = ActionDone.read(request);
    Optional<RequestPage> found =
        requestPages.read(uuid.get(), viewer, chrome, done.orElse(null), null);
    if (found.isEmpty()) {
      return pages.notFound(request);
    }
    MutableHttpResponse<?> response = HttpResponse.ok(ConsolePages.page(VIEW, chrome, found.get()));
    if (done.isPresent()) {
      // said once: a reload or a bookmark of the page does not say it again
      response.cookie(ActionDone.forget(uuid.get(), secureCookies));
    }
    return response;
  }
}
