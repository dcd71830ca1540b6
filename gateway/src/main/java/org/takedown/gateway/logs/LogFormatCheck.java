package org.takedown.gateway.logs;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start the gateway when {@value #NAME} names no log format: {@code logback.xml} would
 * find no appender for it and the gateway would run without a single log line (logback itself says
 * why, in its status lines, at start). Read as logback reads it: the system property, else the
 * environment variable; unset means {@code json}.
 */
@Context
final class LogFormatCheck {

  static final String NAME = "GATEWAY_LOG_FORMAT";
  private static final Set<String> FORMATS = Set.of("json", "text");

  LogFormatCheck() {
    String format = System.getProperty(NAME, System.getenv(NAME));
    Optional<String> problem = problem(format);
    if (problem.isPresent()) {
      // the log may have no appender: say it where it is seen
      System.err.println(problem.get());
      throw new ConfigurationException(problem.get());
    }
  }

  /** What is wrong with {@code format}, if anything. */
  static Optional<String> problem(String format) {
    if (format == null || FORMATS.contains(format)) {
      return Optional.empty();
    }
    String shown = format.length() > 32 ? format.substring(0, 32) + "..." : format;
    return Optional.of(
        NAME
            + " is \""
            + shown.replaceAll("\\p{Cntrl}", "?")
            + "\": it must be json (the default) or text; the gateway does not run without a log");
  }
}
