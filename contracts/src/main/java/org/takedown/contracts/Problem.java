package org.takedown.contracts;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem. {@code errors} is set for validation problems, {@code correlationId} for
 * server errors, so that an operator can find the log line.
 */
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    String correlationId) {

  /** One bad field: {@code field} is a path such as {@code items[2].url}. */
  public record FieldError(String field, String message) {}
}
