package org.takedown.gateway.console;

/**
 * What an error page says: its status, a title and an explanation in the reader's language, and for
 * a failure of the gateway the correlation id to quote (the one its log line carries).
 *
 * @param correlationId null unless the gateway failed (5xx)
 * @param offerQueue whether to offer a link back to the work queue (not to someone who may not use
 *     the console)
 */
public record ErrorPage(
    int status, String titleKey, String messageKey, String correlationId, boolean offerQueue) {

  static ErrorPage of(int status, String correlationId, boolean mayUseConsole) {
    String kind =
        switch (status) {
          case 401 -> "unauthenticated";
          case 403 -> "forbidden";
          case 404 -> "notFound";
          case 405 -> "methodNotAllowed";
          case 503 -> "unavailable";
          default -> status >= 500 ? "failure" : "badRequest";
        };
    return new ErrorPage(
        status,
        "error." + kind + ".title",
        "error." + kind + ".message",
        status >= 500 ? correlationId : null,
        mayUseConsole);
  }
}
