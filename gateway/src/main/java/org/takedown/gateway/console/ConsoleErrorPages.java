package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.gateway.problem.HtmlErrorPages;

/**
 * Under {@code /console}, an error is a page in the reader's language rather than a problem: a 403
 * for someone who is not a liaison officer or an admin (it shows nothing of the console), a 404, a
 * 5xx with its correlation id. The status and headers are the problem's; the console's headers are
 * added ({@link ConsoleHeaders}). Should the page itself fail, the problem is sent as it is.
 */
@Singleton
final class ConsoleErrorPages implements HtmlErrorPages {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrorPages.class);
  private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

  private final ConsolePages pages;
  private final HtmlJteViewsRenderer<Map<String, Object>> renderer;

  ConsoleErrorPages(ConsolePages pages, HtmlJteViewsRenderer<Map<String, Object>> renderer) {
    this.pages = pages;
    this.renderer = renderer;
  }

  /**
   * The session's CSRF token, when there is a session: its sign-out form (a 403 page's way out).
   */
  private static Map<String, Object> withCsrfToken(
      Map<String, Object> model, HttpRequest<?> request) {
    ConsoleSession.of(request).ifPresent(session -> model.put("csrfToken", session.csrfToken()));
    return model;
  }

  @Override
  public boolean serves(HttpRequest<?> request) {
    String path = request.getPath();
    return path.equals("/console") || path.startsWith("/console/");
  }

  @Override
  public MutableHttpResponse<?> render(
      HttpRequest<?> request, MutableHttpResponse<?> response, Map<String, Object> problem) {
    Chrome chrome = pages.chrome(request, null);
    Object correlationId = problem.get("correlationId");
    ErrorPage page =
        ErrorPage.of(
            response.code(),
            correlationId == null ? null : correlationId.toString(),
            !chrome.nav().isEmpty());
    StringWriter html = new StringWriter();
    try {
      renderer
          .render(
              ConsolePages.ERROR_VIEW,
              withCsrfToken(ConsolePages.model(chrome, page), request),
              request)
          .writeTo(html);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "the console's error page could not be rendered ({}); the problem is sent instead",
          LoggedFailure.of(e).describe());
      return response;
    }
    ConsoleHeaders.mark(response);
    return response.body(html.toString()).contentType(HTML);
  }
}
