package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import org.takedown.gateway.actions.Reason;

/** What the console's action forms share: how an error is named, how htmx is told apart. */
final class ConsoleForms {

  /** The message key of an unticked confirmation box. */
  static final String CONFIRM_ERROR = "actions.confirm.error";

  private ConsoleForms() {}

  /** The message key of what is wrong with a reason: {@code actions.reason.error.MISSING}. */
  static String reasonError(Reason.Defect defect) {
    return "actions.reason.error." + defect.name();
  }

  /**
   * Whether htmx sent {@code request} (it says so in {@code HX-Request}): it gets the fragment to
   * swap in rather than a page or a redirect.
   */
  static boolean isHtmx(HttpRequest<?> request) {
    return "true".equals(request.getHeaders().get("HX-Request"));
  }
}
