package org.takedown.gateway.localrun;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does in the sign-in flow, over real HTTP: it keeps cookies (one jar for every host
 * and port, as browsers do for 127.0.0.1), and follows no redirect by itself, so that each step of
 * the flow can be looked at.
 */
final class Browser {

  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  Browser() {
    this(false);
  }

  /**
   * @param secureCookiesOverHttp keep {@code Secure} cookies for plain http too, as a browser
   *     behind a TLS-terminating proxy would send them to the gateway
   */
  Browser(boolean secureCookiesOverHttp) {
    CookieHandler jar = secureCookiesOverHttp ? new IgnoringSecure(cookies) : cookies;
    http =
        HttpClient.newBuilder()
            .cookieHandler(jar)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A cookie jar that stores {@code Secure} cookies as if they were not. */
  private static final class IgnoringSecure extends CookieHandler {
    private final CookieManager delegate;

    IgnoringSecure(CookieManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
        throws IOException {
      return delegate.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
      Map<String, List<String>> stripped = new LinkedHashMap<>();
      responseHeaders.forEach(
          (name, values) ->
              stripped.put(
                  name,
                  name != null && name.equalsIgnoreCase("Set-Cookie")
                      ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList()
                      : values));
      delegate.put(uri, stripped);
    }
  }

  HttpResponse<String> get(URI uri, String... headers) {
    return send(HttpRequest.newBuilder(uri).GET(), headers);
  }

  HttpResponse<String> post(URI uri, Map<String, String> form, String... headers) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))),
        headers);
  }

  HttpResponse<String> postRaw(URI uri, String contentType, String body, String... headers) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    request.timeout(Duration.ofSeconds(30)).setHeader("Accept", "text/html");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("no answer from " + request.build().uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Follows 3xx answers from {@code first} (at most 10), as a browser would; the last answer. */
  HttpResponse<String> follow(HttpResponse<String> first) {
    HttpResponse<String> answer = first;
    for (int i = 0; i < 10 && answer.statusCode() / 100 == 3; i++) {
      answer = get(location(answer));
    }
    return answer;
  }

  static URI location(HttpResponse<String> answer) {
    String location =
        answer
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("no Location in " + answer.statusCode()));
    return answer.uri().resolve(location);
  }

  /** The value of cookie {@code name} held for {@code uri}, or null. */
  String cookie(URI uri, String name) {
    return cookies.getCookieStore().get(uri).stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The Set-Cookie header that sets {@code name}, or null. */
  static String setCookie(HttpResponse<?> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(h -> h.startsWith(name + "="))
        .findFirst()
        .orElse(null);
  }

  /** A page's one form: its action and its fields (hidden inputs and named buttons' values). */
  record Form(String action, Map<String, String> fields) {}

  private static final Pattern FORM =
      Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

  static Form form(String page) {
    Matcher form = FORM.matcher(page);
    if (!form.find()) {
      throw new AssertionError("no form in " + page);
    }
    return read(form);
  }

  /** The page's form that posts to {@code action}. */
  static Form form(String page, String action) {
    Matcher form = FORM.matcher(page);
    while (form.find()) {
      if (unescape(form.group(1)).equals(action)) {
        return read(form);
      }
    }
    throw new AssertionError("no form to " + action + " in " + page);
  }

  private static Form read(Matcher form) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(form.group(2));
    while (input.find()) {
      fields.put(unescape(input.group(1)), unescape(input.group(2)));
    }
    return new Form(unescape(form.group(1)), fields);
  }

  static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return params;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  static String encode(Map<String, String> form) {
    List<String> pairs = new ArrayList<>();
    form.forEach(
        (k, v) ->
            pairs.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return pairs.stream().collect(Collectors.joining("&"));
  }
}
