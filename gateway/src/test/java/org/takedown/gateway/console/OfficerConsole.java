package org.takedown.gateway.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.takedown.gateway.testing.TestConsole;

/**
 * One signed-in console session over real HTTP, as a browser holds it: the same session cookie on
 * every request (so that its CSRF token stays valid), forms posted with the token unless a test
 * leaves it out on purpose.
 */
final class OfficerConsole {

  private final ConsoleClient console;
  private final TestConsole.SignedIn session;

  OfficerConsole(ConsoleClient console, TestConsole.SignedIn session) {
    this.console = console;
    this.session = session;
  }

  String csrfToken() {
    return session.csrfToken();
  }

  ConsoleClient.Page get(String path, String... headers) {
    return console.get(path, null, withSession(headers));
  }

  /** A form POST with the session's CSRF token in its {@code csrfToken} field. */
  ConsoleClient.Page post(String path, String form, String... headers) {
    String withToken =
        (form.isEmpty() ? "" : form + "&") + "csrfToken=" + encode(session.csrfToken());
    return console.postForm(path, null, withToken, withSession(headers));
  }

  /** A form POST without any CSRF token (unless {@code headers} carry one). */
  ConsoleClient.Page postWithoutToken(String path, String form, String... headers) {
    return console.postForm(path, null, form, withSession(headers));
  }

  /** {@code name=value&...}, each part encoded as a browser encodes a form. */
  static String form(String... namesAndValues) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
    }
    return String.join("&", pairs);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** {@code headers} with the session's cookie added to their {@code Cookie} header. */
  private String[] withSession(String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    for (int i = 0; i + 1 < all.size(); i += 2) {
      if (all.get(i).equalsIgnoreCase("Cookie")) {
        all.set(i + 1, all.get(i + 1) + "; " + session.cookieHeader());
        return all.toArray(String[]::new);
      }
    }
    all.add("Cookie");
    all.add(session.cookieHeader());
    return all.toArray(String[]::new);
  }
}
