package org.takedown.gateway.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Puts the session's CSRF token in the model of every console view, as {@code csrfToken}: the
 * layout writes it into its forms (and its sign-out form), htmx requests send it as {@value
 * ConsoleCsrf#HEADER}.
 */
@Singleton
@ConsoleEnabled
final class CsrfTokenModel implements ViewModelProcessor<Map<String, Object>> {

  /** The model key the templates read. */
  static final String KEY = "csrfToken";

  @Override
  public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
    ConsoleSession.of(request)
        .ifPresent(
            session -> modelAndView.getModel().ifPresent(m -> m.put(KEY, session.csrfToken())));
  }
}
