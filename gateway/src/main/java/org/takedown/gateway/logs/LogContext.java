package org.takedown.gateway.logs;

import org.slf4j.MDC;

/**
 * Writes lines under a correlation id where Micronaut's propagated context may not have put it in
 * the thread's MDC (the event loop between two stages of a request, an error handler).
 */
public final class LogContext {

  private LogContext() {}

  /**
   * Runs {@code lines} with {@value LogFields#CORRELATION_ID} = {@code correlationId} in the MDC,
   * and leaves the MDC as it found it. Nothing is changed when it holds that id already, or when
   * {@code correlationId} is null.
   */
  public static void withCorrelationId(String correlationId, Runnable lines) {
    String before = MDC.get(LogFields.CORRELATION_ID);
    if (correlationId == null || correlationId.equals(before)) {
      lines.run();
      return;
    }
    MDC.put(LogFields.CORRELATION_ID, correlationId);
    try {
      lines.run();
    } finally {
      if (before == null) {
        MDC.remove(LogFields.CORRELATION_ID);
      } else {
        MDC.put(LogFields.CORRELATION_ID, before);
      }
    }
  }
}
