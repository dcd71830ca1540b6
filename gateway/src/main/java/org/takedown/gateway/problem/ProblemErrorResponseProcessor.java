package org.takedown.gateway.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every error Micronaut produces itself (no route, body over the limit, unreadable body,
 * authentication and authorisation refusals, unexpected exceptions) an RFC 9457 problem. A 5xx says
 * nothing internal: it carries a correlation id that the error log line carries too.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  @Override
  public MutableHttpResponse<Map<String, Object>> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    ProblemType type = ProblemType.forStatus(response.code());
    if (type == ProblemType.INTERNAL
        && isDatabaseUnreachable(context.getRootCause().orElse(null))) {
      type = ProblemType.SERVICE_UNAVAILABLE;
    }
    String path = context.getRequest().getPath();
    if (type.status() >= 500) {
      String correlationId = UUID.randomUUID().toString();
      LOG.error(
          "{} {} failed [correlationId={}]",
          context.getRequest().getMethodName(),
          path,
          correlationId,
          context.getRootCause().orElse(null));
      String detail =
          type == ProblemType.SERVICE_UNAVAILABLE
              ? "the gateway cannot reach its database; retry later"
              : "an unexpected error occurred; quote the correlation id when reporting it";
      return Problems.respond(
          response, type, Problems.body(type, detail, path, null, correlationId));
    }
    LOG.debug("{} {} refused with {}", context.getRequest().getMethodName(), path, response.code());
    if (type == ProblemType.UNAUTHENTICATED) {
      // RFC 6750: tell the client which scheme it must use
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return Problems.respond(
        response, type, Problems.body(type, detail(context, type), path, null, null));
  }

  private static String detail(ErrorContext context, ProblemType type) {
    return switch (type) {
      case UNAUTHENTICATED -> "a valid bearer token is required";
      case FORBIDDEN -> "the token's roles do not allow this call";
      default -> {
        String messages =
            context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        yield messages.isBlank() ? null : messages;
      }
    };
  }

  static boolean isDatabaseUnreachable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof java.net.ConnectException
          || (t instanceof java.sql.SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }
}
