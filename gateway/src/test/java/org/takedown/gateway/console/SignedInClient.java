package org.takedown.gateway.console;

import io.micronaut.context.ApplicationContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestConsole;

/**
 * One signed-in console user as a browser is: the session cookie the gateway sealed for them
 * (TestConsole.signIn) on every request, and its CSRF token in every form it posts, as the pages'
 * forms carry it.
 */
final class SignedInClient {

  private final ConsoleClient console;
  private final TestConsole.SignedIn session;

  private SignedInClient(ConsoleClient console, TestConsole.SignedIn session) {
    this.console = console;
    this.session = session;
  }

  static SignedInClient as(ApplicationContext gateway, Api api, String subject, String... roles) {
    return new SignedInClient(new ConsoleClient(api), TestConsole.signIn(gateway, subject, roles));
  }

  String csrfToken() {
    return session.csrfToken();
  }

  ConsoleClient.Page get(String path) {
    return console.get(path, null, "Cookie", session.cookieHeader());
  }

  ConsoleClient.Page getIn(Language language, String path) {
    return console.get(
        path,
        null,
        "Cookie",
        session.cookieHeader() + "; " + Language.COOKIE + "=" + language.code());
  }

  /** A form POST with the session's CSRF token, as the page's form sends it. */
  ConsoleClient.Page post(String path, String form) {
    String token = "csrfToken=" + URLEncoder.encode(session.csrfToken(), StandardCharsets.UTF_8);
    return postWithoutToken(path, form.isEmpty() ? token : form + "&" + token);
  }

  /** A form POST without any CSRF token: what a forged cross-site form sends. */
  ConsoleClient.Page postWithoutToken(String path, String form) {
    return console.postForm(path, null, form, "Cookie", session.cookieHeader());
  }

  /** A form's fields, URL-encoded: name, value pairs. */
  static String form(String... pairs) {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (form.length() > 0) {
        form.append('&');
      }
      form.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return form.toString();
  }
}
