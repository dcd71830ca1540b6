package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestConsole;

/**
 * The console as a browser reads it, over real HTTP: a browser's {@code Accept}, the console
 * session of the caller a test token names (TestConsole.cookieFor), and the answer parsed as a
 * browser's parser would (jsoup).
 */
final class ConsoleClient {

  static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final Api api;

  ConsoleClient(Api api) {
    this.api = api;
  }

  /** One answer: status, headers, and the body parsed as HTML. */
  record Page(Api.Answer answer, Document html) {

    int status() {
      return answer.status();
    }

    String header(String name) {
      return answer.header(name);
    }

    String body() {
      return answer.body();
    }

    /** The one element matching {@code css}; fails unless there is exactly one. */
    Element one(String css) {
      List<Element> found = html.select(css);
      assertEquals(1, found.size(), "elements matching " + css + " in\n" + answer.body());
      return found.get(0);
    }

    /** The text of the one element matching {@code css}. */
    String text(String css) {
      return one(css).text();
    }

    Page assertHtml(int status) {
      assertEquals(status, status(), answer.body());
      assertTrue(
          header("Content-Type").startsWith("text/html"), "Content-Type " + header("Content-Type"));
      return this;
    }
  }

  Page get(String path, String token, String... headers) {
    List<String> all = new ArrayList<>(List.of("Accept", BROWSER_ACCEPT));
    all.addAll(List.of(headers));
    return parse(api.get(path, null, signedIn(token, all)));
  }

  /**
   * {@code headers} with the console session of the caller {@code token} names (the console takes
   * no bearer token: TestConsole makes the session), in the request's one {@code Cookie} header.
   */
  private static String[] signedIn(String token, List<String> headers) {
    if (token == null) {
      return headers.toArray(String[]::new);
    }
    List<String> all = new ArrayList<>(headers);
    String session = TestConsole.cookieFor(token);
    for (int i = 0; i + 1 < all.size(); i += 2) {
      if (all.get(i).equalsIgnoreCase("Cookie")) {
        all.set(i + 1, all.get(i + 1) + "; " + session);
        return all.toArray(String[]::new);
      }
    }
    all.add("Cookie");
    all.add(session);
    return all.toArray(String[]::new);
  }

  /** {@code get} with the language cookie set to {@code language}. */
  Page getIn(Language language, String path, String token) {
    return get(path, token, "Cookie", Language.COOKIE + "=" + language.code());
  }

  /** A form POST, as a browser sends one. */
  Page postForm(String path, String token, String form, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", BROWSER_ACCEPT)
            .POST(HttpRequest.BodyPublishers.ofString(form));
    return parse(api.send(request, null, signedIn(token, List.of(headers))));
  }

  private static Page parse(Api.Answer answer) {
    return new Page(answer, Jsoup.parse(answer.body()));
  }
}
