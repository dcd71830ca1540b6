package org.takedown.gateway.console.signin;

/** Where a state-changing console request carries its session's CSRF token. */
public final class ConsoleCsrf {

  /** The hidden field of a form ({@code application/x-www-form-urlencoded}). */
  public static final String FIELD = "csrfToken";

  /** The request header, for htmx requests: {@code hx-headers='{"X-CSRF-Token": "..."}'}. */
  public static final String HEADER = "X-CSRF-Token";

  private ConsoleCsrf() {}

  /**
   * The value of the {@code hx-headers} attribute that makes every htmx request of a page carry
   * {@code token} in {@value #HEADER}: {@code {"X-CSRF-Token":"<token>"}} (the template escapes it
   * for the attribute).
   */
  public static String htmxHeaders(String token) {
    StringBuilder json = new StringBuilder("{\"").append(HEADER).append("\":\"");
    for (char c : token.toCharArray()) {
      // the token is base64url; anything else is escaped all the same
      if (c == '"' || c == '\\' || c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append("\"}").toString();
  }
}
