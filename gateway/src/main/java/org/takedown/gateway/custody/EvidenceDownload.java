package org.takedown.gateway.custody;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.takedown.gateway.refusal.NotFound;

/**
 * A case's evidence bundle as a download: the ZIP of {@link CaseEvidence}, streamed as it is read
 * from the log, named after the case and the checkpoint's tree size, never cached. The API's {@code
 * GET /api/v1/cases/{id}/evidence} and the console's {@code GET /console/cases/{id}/evidence} both
 * answer with it, so they serve the same bytes.
 */
@Singleton
public final class EvidenceDownload {

  static final MediaType ZIP = MediaType.of("application/zip");

  private final CaseEvidence evidence;

  EvidenceDownload(CaseEvidence evidence) {
    this.evidence = evidence;
  }

  /**
   * The answer carrying the bundle of case {@code caseId} against the newest signed checkpoint.
   *
   * @throws NotFound when there is no such case, or no checkpoint is signed yet
   */
  public HttpResponse<StreamedFile> of(UUID caseId) {
    CaseEvidence.Bundle bundle = evidence.open(caseId);
    StreamedFile file =
        new StreamedFile(bundle.zip(), ZIP, bundle.checkpoint().at().toEpochMilli())
            .attach("case-" + caseId + "-evidence-" + bundle.checkpoint().treeSize() + ".zip");
    return HttpResponse.ok(file).header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
