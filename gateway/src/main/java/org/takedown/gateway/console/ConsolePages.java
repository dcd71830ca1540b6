package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.takedown.gateway.auth.Roles;

/**
 * What every console controller shares: the frame of a page ({@link Chrome}) for the reader of a
 * request, and the model a template receives. A template gets {@code chrome}, {@code page} (the
 * page's own record) and, when sign-in adds it, {@code csrfToken}.
 */
@Singleton
public final class ConsolePages {

  /** The error page's template, for {@link ConsoleErrorPages} and the pages' own 404s. */
  static final String ERROR_VIEW = "console/error";

  private final ConsoleTime time;
  private final Assets assets;

  ConsolePages(ConsoleTime time, Assets assets) {
    this.time = time;
    this.assets = assets;
  }

  /** The frame of a page of {@code section} (null for a page that is not one) for its reader. */
  public Chrome chrome(HttpRequest<?> request, Section section) {
    Language language = Language.of(request);
    Optional<Authentication> reader = request.getUserPrincipal(Authentication.class);
    boolean mayUse = reader.map(ConsolePages::mayUseConsole).orElse(false);
    return new Chrome(
        language,
        Texts.of(language),
        time,
        assets,
        mayUse ? sectionsFor(reader.get()) : List.of(),
        section,
        reader.map(ConsolePages::displayName).orElse(null),
        here(request),
        time.now());
  }

  /** The model of a page: its frame and its own record. */
  public static ModelAndView<Map<String, Object>> page(String view, Chrome chrome, Object page) {
    return new ModelAndView<>(view, model(chrome, page));
  }

  /** What a template receives: {@code chrome} and {@code page}. */
  static Map<String, Object> model(Chrome chrome, Object page) {
    // mutable: Micronaut's view model processors add to it (the CSRF token, for one)
    Map<String, Object> model = new HashMap<>();
    model.put("chrome", chrome);
    model.put("page", page);
    return model;
  }

  /** A 404 page: what the reader asked for does not exist. */
  public HttpResponse<ModelAndView<Map<String, Object>>> notFound(HttpRequest<?> request) {
    Chrome chrome = chrome(request, null);
    return HttpResponse.notFound(
        page(ERROR_VIEW, chrome, ErrorPage.of(404, null, !chrome.nav().isEmpty())));
  }

  /** The sections {@code reader} may open, in menu order: admins' pages for admins only. */
  private static List<Section> sectionsFor(Authentication reader) {
    boolean admin = isAdmin(reader);
    return Arrays.stream(Section.values()).filter(s -> admin || !s.adminOnly()).toList();
  }

  /** True when the reader of {@code request} is an admin (who acts on partners). */
  public static boolean isAdmin(HttpRequest<?> request) {
    return request.getUserPrincipal(Authentication.class).map(ConsolePages::isAdmin).orElse(false);
  }

  private static boolean isAdmin(Authentication reader) {
    return reader.getRoles().contains(Roles.ADMIN);
  }

  /** Liaison officers and admins use the console (GATEWAY-API.md, "Console"). */
  static boolean mayUseConsole(Authentication reader) {
    return reader.getRoles().contains(Roles.LIAISON_OFFICER)
        || reader.getRoles().contains(Roles.ADMIN);
  }

  /** The name an identity provider gives, else the {@code sub}. */
  private static String displayName(Authentication reader) {
    for (String claim : new String[] {"name", "preferred_username"}) {
      if (reader.getAttributes().get(claim) instanceof String name && !name.isBlank()) {
        return name;
      }
    }
    return reader.getName();
  }

  private static String here(HttpRequest<?> request) {
    URI uri = request.getUri();
    String path = uri.getRawPath() == null ? "/console" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
