package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WireMock's messages to SLF4J. wiremock-standalone shades its own SLF4J, so its bundled
 * notifier would not reach the application's logging. Errors keep their first line only: WireMock
 * appends the whole request to some (an unmatched request's diff), headers and tokens included; the
 * client that sent it gets that diff in the 404 body anyway. That line is cut at {@value #MAX_LINE}
 * characters, and an exception is named by its type (its message may quote a request body), in full
 * at DEBUG only.
 */
final class WireMockLog implements Notifier {

  private static final int MAX_LINE = 200;

  private final Logger log;

  WireMockLog(String partner) {
    this.log = LoggerFactory.getLogger("org.takedown.sandbox.wiremock." + partner);
  }

  @Override
  public void info(String message) {
    log.debug(message);
  }

  @Override
  public void error(String message) {
    log.warn(firstLine(message));
  }

  @Override
  public void error(String message, Throwable t) {
    log.warn("{} ({})", firstLine(message), t == null ? "no exception" : t.getClass().getName());
    log.debug(firstLine(message), t);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
  }
}
