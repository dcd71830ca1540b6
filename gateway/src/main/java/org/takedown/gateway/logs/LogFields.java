package org.takedown.gateway.logs;

import java.util.UUID;
import org.slf4j.spi.LoggingEventBuilder;
import org.takedown.platform.Platform;

/**
 * The names of the structured fields a log line carries beside its message, at the top level of
 * each JSON line (docs/operations.md, "Logs"). They are added to the one line that needs them,
 * through SLF4J's key-value pairs ({@code LOG.atWarn().addKeyValue(...)}), never left in a thread's
 * context, so that the dispatch threads pay for them only when a line is written.
 */
public final class LogFields {

  /** The X-Request-Id of the HTTP exchange being handled (in the MDC, see {@link RequestIds}). */
  public static final String CORRELATION_ID = "correlationId";

  /** A takedown or preservation request's id. */
  public static final String REQUEST_ID = "requestId";

  /** The id of the case a request belongs to. */
  public static final String CASE_ID = "caseId";

  /** The partner: {@code META}, {@code TIKTOK} or {@code GOOGLE}. */
  public static final String PLATFORM = "platform";

  /** Which delivery attempt of the request a dispatch line is about, from 1. */
  public static final String ATTEMPT = "attempt";

  private LogFields() {}

  /**
   * Adds the request's id, its case's and its partner's to {@code line}; null ones are left out.
   */
  public static LoggingEventBuilder request(
      LoggingEventBuilder line, UUID requestId, UUID caseId, Platform platform) {
    if (requestId != null) {
      line.addKeyValue(REQUEST_ID, requestId);
    }
    if (caseId != null) {
      line.addKeyValue(CASE_ID, caseId);
    }
    if (platform != null) {
      line.addKeyValue(PLATFORM, platform.name());
    }
    return line;
  }
}
