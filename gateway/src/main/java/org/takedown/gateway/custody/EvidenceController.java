package org.takedown.gateway.custody;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;
import org.takedown.gateway.auth.Roles;

/**
 * {@code GET /api/v1/cases/{id}/evidence}: the case's evidence bundle, a ZIP the README's
 * verification command checks offline. For liaison officers and admins, as every custody endpoint
 * (GATEWAY-API.md "Chain of custody"): a case submitter is refused even its own cases' bundles.
 * Streamed as it is read from the log ({@link EvidenceDownload}).
 */
@Controller("/api/v1/cases")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class EvidenceController {

  private final EvidenceDownload download;

  EvidenceController(EvidenceDownload download) {
    this.download = download;
  }

  @Get("/{id}/evidence")
  @Produces("application/zip")
  HttpResponse<StreamedFile> evidence(UUID id) {
    return download.of(id);
  }
}
