package org.takedown.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code POST /console/language}: the language switch every page carries. Keeps the choice in the
 * {@link Language#COOKIE} cookie and sends the reader back to the page it came from ({@code back},
 * a console address; anything else sends it to the work queue, so that the switch redirects nowhere
 * else). Open to anyone: it changes nothing but the caller's own cookie, and the error pages carry
 * it too.
 */
@Controller("/console/language")
@Secured(SecurityRule.IS_ANONYMOUS)
final class LanguageController {

  /** A console path with an optional query, nothing that a browser could read as another host. */
  private static final Pattern CONSOLE_ADDRESS =
      Pattern.compile(
          "/console(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?(\\?[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?");

  private static final Duration KEPT = Duration.ofDays(365);

  @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> choose(HttpRequest<?> request, @Nullable String lang, @Nullable String back) {
    MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(safeBack(back)));
    Language.ofCode(lang)
        .ifPresent(
            language ->
                response.cookie(
                    Cookie.of(Language.COOKIE, language.code())
                        .path("/console")
                        .maxAge(KEPT)
                        .httpOnly(true)
                        .secure(request.isSecure())
                        .sameSite(SameSite.Lax)));
    return response;
  }

  /**
   * {@code back} when it is a console address without {@code //} or a dot segment; else the work
   * queue.
   */
  static String safeBack(String back) {
    if (back == null
        || back.length() > 2048
        || back.contains("//")
        || !CONSOLE_ADDRESS.matcher(back).matches()) {
      return Section.WORK_QUEUE.path();
    }
    String path = back.split("\\?", 2)[0].toLowerCase(java.util.Locale.ROOT);
    // a dot segment, plain or encoded, would lead the browser out of /console
    if (path.contains("/..") || path.contains("%2e")) {
      return Section.WORK_QUEUE.path();
    }
    return back;
  }
}
