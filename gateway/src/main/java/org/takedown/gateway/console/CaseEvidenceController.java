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
import java.util.UUID;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.custody.EvidenceDownload;
import org.takedown.gateway.refusal.NotFound;

/**
 * {@code GET /console/cases/{id}/evidence}: the case's evidence bundle for the console's session,
 * the very answer of {@code GET /api/v1/cases/{id}/evidence} ({@link EvidenceDownload}), which
 * takes bearer tokens only. An id that names no case, or is no id at all, is a 404 page.
 */
@Controller("/console/cases")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CaseEvidenceController {

  private final EvidenceDownload download;
  private final ConsolePages pages;

  CaseEvidenceController(EvidenceDownload download, ConsolePages pages) {
    this.download = download;
    this.pages = pages;
  }

  @Get("/{id}/evidence")
  @Produces({"application/zip", MediaType.TEXT_HTML})
  HttpResponse<?> evidence(String id, HttpRequest<?> request) {
    Optional<UUID> uuid = Ids.parse(id);
    if (uuid.isEmpty()) {
      return pages.notFound(request);
    }
    try {
      return download.of(uuid.get());
    } catch (NotFound e) {
      return pages.notFound(request);
    }
  }
}
