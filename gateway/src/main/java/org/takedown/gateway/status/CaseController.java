package org.takedown.gateway.status;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;
import org.takedown.contracts.CaseView;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.NotFound;

/**
 * {@code GET /api/v1/cases/{id}}. A submitter sees only its own cases: another submitter's case
 * answers 404, exactly like a case that does not exist, so that ids reveal nothing.
 */
@Controller("/api/v1/cases")
@Secured({Roles.CASE_SUBMITTER, Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CaseController {

  private final CaseReads cases;

  CaseController(CaseReads cases) {
    this.cases = cases;
  }

  @Get("/{id}")
  CaseView read(UUID id, Viewer viewer) {
    return cases.find(id, viewer).orElseThrow(() -> new NotFound("no case " + id));
  }
}
