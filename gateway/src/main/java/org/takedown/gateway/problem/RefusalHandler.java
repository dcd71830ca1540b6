package org.takedown.gateway.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.refusal.DuplicateCase;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.Violation;

/** The one place where the domain's refusals become RFC 9457 problems. */
@Produces
@Singleton
@Requires(classes = {Refusal.class, ExceptionHandler.class})
final class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<Map<String, Object>>> {

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, Refusal refusal) {
    ProblemType type = ProblemType.of(refusal);
    List<Violation> errors = refusal instanceof InvalidInput invalid ? invalid.violations() : null;
    MutableHttpResponse<Map<String, Object>> response =
        Problems.respond(
            HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(type.status())),
            type,
            Problems.body(type, refusal.getMessage(), request.getPath(), errors, null));
    if (refusal instanceof DuplicateCase duplicate) {
      response.header(HttpHeaders.LOCATION, "/api/v1/cases/" + duplicate.existingCaseId());
    }
    return response;
  }
}
