package org.takedown.gateway.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.web.NoSniff;

/**
 * Renders RFC 9457 bodies. The body is a map so that absent members are left out rather than sent
 * as null, and extension members ({@code errors}, {@code correlationId}) sit at the top level.
 */
final class Problems {

  static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

  private Problems() {}

  static Map<String, Object> body(
      ProblemType type,
      String detail,
      String instance,
      List<Violation> errors,
      String correlationId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.type().toString());
    body.put("title", type.title());
    body.put("status", type.status());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    if (errors != null && !errors.isEmpty()) {
      body.put(
          "errors",
          errors.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    }
    if (correlationId != null) {
      body.put("correlationId", correlationId);
    }
    return body;
  }

  /**
   * The problem as the answer; marked {@code nosniff} here too, as some problems are made outside
   * the filter chain that marks every other answer ({@link NoSniff}).
   */
  static MutableHttpResponse<Map<String, Object>> respond(
      MutableHttpResponse<?> response, ProblemType type, Map<String, Object> body) {
    NoSniff.mark(response);
    return response.status(HttpStatus.valueOf(type.status())).contentType(PROBLEM_JSON).body(body);
  }
}
