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
import org.takedown.gateway.refusal.IdempotencyKeyReused;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.MalformedJson;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.PartnerUnavailable;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.refusal.UnsupportedMediaType;
import org.takedown.gateway.refusal.UnverifiedCallback;
import org.takedown.gateway.refusal.Violation;

/** The one place where the domain's refusals become RFC 9457 problems. */
@Produces
@Singleton
@Requires(classes = {Refusal.class, ExceptionHandler.class})
final class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<Map<String, Object>>> {

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, Refusal refusal) {
    ProblemType type = typeOf(refusal);
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

  private static ProblemType typeOf(Refusal refusal) {
    if (refusal instanceof InvalidInput) {
      return ProblemType.VALIDATION;
    } else if (refusal instanceof MalformedJson) {
      return ProblemType.MALFORMED_JSON;
    } else if (refusal instanceof NotFound) {
      return ProblemType.NOT_FOUND;
    } else if (refusal instanceof DuplicateCase) {
      return ProblemType.DUPLICATE_CASE;
    } else if (refusal instanceof IdempotencyKeyReused) {
      return ProblemType.IDEMPOTENCY_KEY_REUSED;
    } else if (refusal instanceof StateConflict) {
      return ProblemType.STATE_CONFLICT;
    } else if (refusal instanceof UnsupportedMediaType) {
      return ProblemType.UNSUPPORTED_MEDIA_TYPE;
    } else if (refusal instanceof UnverifiedCallback callback) {
      return switch (callback.status()) {
        case 400 -> ProblemType.CALLBACK_UNREADABLE;
        case 403 -> ProblemType.CALLBACK_FORBIDDEN;
        default -> ProblemType.CALLBACK_UNVERIFIED;
      };
    } else if (refusal instanceof PartnerUnavailable unavailable) {
      return unavailable.refusedForGood()
          ? ProblemType.PARTNER_REFUSED
          : ProblemType.PARTNER_UNAVAILABLE;
    }
    throw new IllegalStateException("unmapped refusal " + refusal.getClass().getName());
  }
}
