package org.takedown.gateway.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.takedown.gateway.logs.LogContext;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.gateway.logs.RequestIds;

/**
 * Makes every error Micronaut produces itself (no route, body over the limit, request line or
 * headers over the limit, unreadable body, authentication and authorisation refusals, unexpected
 * exceptions) an RFC 9457 problem. A 5xx says nothing internal: it carries a correlation id, the
 * exchange's {@code X-Request-Id}, which its log line carries too. That line names the failure by
 * exception types and SQLState only: never a message, which may quote a row (PostgreSQL's {@code
 * Failing row contains (...)}) or a request body; at DEBUG a second line gives its stack frames,
 * again without messages. A failure whose cause is a database that cannot be reached ({@link
 * DatabaseOutage}) is a 503 with {@code Retry-After}, logged as one warning line. Under the paths
 * an {@link HtmlErrorPages} serves (the console), the same answer carries an HTML page instead.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  private final List<HtmlErrorPages> pages;

  ProblemErrorResponseProcessor(List<HtmlErrorPages> pages) {
    this.pages = pages;
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<Map<String, Object>> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    MutableHttpResponse<Map<String, Object>> problem = problem(context, response);
    for (HtmlErrorPages page : pages) {
      if (page.serves(context.getRequest())) {
        Map<String, Object> members = problem.getBody().orElseGet(Map::of);
        // the body becomes a page's HTML: Micronaut writes whatever body the answer holds
        return (MutableHttpResponse<Map<String, Object>>)
            page.render(context.getRequest(), problem, members);
      }
    }
    return problem;
  }

  private MutableHttpResponse<Map<String, Object>> problem(
      ErrorContext context, MutableHttpResponse<?> response) {
    Optional<ProblemType> tooLong = TooLongRequest.of(context.getRequest());
    if (tooLong.isPresent()) {
      return tooLong(response, tooLong.get());
    }
    ProblemType type = ProblemType.forStatus(response.code());
    Throwable error = context.getRootCause().orElse(null);
    Optional<Throwable> outage =
        type == ProblemType.INTERNAL && error != null ? DatabaseOutage.in(error) : Optional.empty();
    String path = context.getRequest().getPath();
    String method = context.getRequest().getMethodName();
    // a request refused before the filters ran (a malformed head) has no id yet: it gets one
    String correlationId =
        RequestIds.of(context.getRequest()).orElseGet(() -> UUID.randomUUID().toString());
    response.header(RequestIds.HEADER, correlationId);
    if (outage.isPresent()) {
      return databaseUnavailable(response, method, path, error, outage.get(), correlationId);
    }
    if (type.status() >= 500) {
      LogContext.withCorrelationId(correlationId, () -> logFailure(method, path, type, error));
      String detail =
          type == ProblemType.SERVICE_UNAVAILABLE
              ? "the service is unavailable; retry later"
              : "an unexpected error occurred; quote the correlation id when reporting it";
      return Problems.respond(
          response, type, Problems.body(type, detail, path, null, correlationId));
    }
    LOG.debug("{} {} refused with {}", method, path, response.code());
    if (type == ProblemType.UNAUTHENTICATED) {
      // RFC 6750: tell the client which scheme it must use
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return Problems.respond(
        response, type, Problems.body(type, detail(context, type), path, null, null));
  }

  /**
   * A request line or header section over Netty's limits: Netty could not read the request, so its
   * path is unknown (Netty names it {@code /bad-request}) and the problem carries no {@code
   * instance}.
   */
  private static MutableHttpResponse<Map<String, Object>> tooLong(
      MutableHttpResponse<?> response, ProblemType type) {
    LOG.debug("a request was refused with {}: {}", type.status(), type.title());
    String detail =
        type == ProblemType.URI_TOO_LONG
            ? "the request line is longer than this server reads"
            : "the request's header fields are larger than this server reads";
    return Problems.respond(response, type, Problems.body(type, detail, null, null, null));
  }

  /**
   * The database cannot be reached: a 503 the client may retry, and one warning line that names the
   * failure by type and SQLState only (no SQL, no message, no stack trace).
   */
  private static MutableHttpResponse<Map<String, Object>> databaseUnavailable(
      MutableHttpResponse<?> response,
      String method,
      String path,
      Throwable error,
      Throwable connectionFailure,
      String correlationId) {
    ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
    LogContext.withCorrelationId(
        correlationId,
        () ->
            LOG.warn(
                "{} {} answered 503: database unreachable ({})",
                method,
                path,
                DatabaseOutage.describe(error, connectionFailure)));
    response.header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()));
    return Problems.respond(
        response,
        type,
        Problems.body(
            type, "the gateway cannot reach its database; retry later", path, null, correlationId));
  }

  /** One ERROR line: types and SQLState as fields, no message; the frames at DEBUG. */
  private static void logFailure(String method, String path, ProblemType type, Throwable error) {
    if (error == null) {
      LOG.atError()
          .addKeyValue("status", type.status())
          .log("{} {} answered {} without an exception", method, path, type.status());
      return;
    }
    LoggedFailure failure = LoggedFailure.of(error);
    LoggingEventBuilder line =
        LOG.atError()
            .addKeyValue("status", type.status())
            .addKeyValue("exception", failure.type())
            .addKeyValue("rootCause", failure.rootType());
    if (failure.sqlState() != null) {
      line.addKeyValue("sqlState", failure.sqlState());
    }
    line.log("{} {} failed: {}", method, path, failure.describe());
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} failed; stack frames (messages left out):\n{}",
          method,
          path,
          LoggedFailure.frames(error));
    }
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
}
