package org.takedown.gateway.intake;

/**
 * A reported URL the gateway cannot route to a partner. The message says why, in words fit for a
 * validation error on the item's {@code url} field; it names at most the URL's scheme, host or
 * port, never its path or query, which may carry personal data.
 */
public final class UnsupportedContentUrlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean urlHoldsSecret;

  private UnsupportedContentUrlException(String message) {
    this(message, false);
  }

  private UnsupportedContentUrlException(String message, boolean urlHoldsSecret) {
    // A refusal is an answer to the submitter, not a fault: no stack trace to capture or log.
    super(message, null, false, false);
    this.urlHoldsSecret = urlHoldsSecret;
  }

  /** False when the refused URL carries a password, so that no answer repeats it. */
  boolean mayQuoteUrl() {
    return !urlHoldsSecret;
  }

  static UnsupportedContentUrlException blank() {
    return new UnsupportedContentUrlException("must not be blank");
  }

  static UnsupportedContentUrlException malformed(String problem, int index) {
    return new UnsupportedContentUrlException(
        index >= 0
            ? String.format("is not a valid URL: %s at index %d", lowerFirst(problem), index)
            : String.format("is not a valid URL: %s", lowerFirst(problem)));
  }

  static UnsupportedContentUrlException notAbsolute() {
    return new UnsupportedContentUrlException(
        "must be an absolute http(s) URL, such as https://www.tiktok.com/@user/video/123");
  }

  static UnsupportedContentUrlException scheme(String scheme) {
    return new UnsupportedContentUrlException(
        String.format("must be an absolute http(s) URL; %s: URLs are not accepted", scheme));
  }

  static UnsupportedContentUrlException noHost() {
    return new UnsupportedContentUrlException("must be an absolute http(s) URL with a host");
  }

  static UnsupportedContentUrlException invalidHost() {
    return new UnsupportedContentUrlException("must have a valid host name");
  }

  static UnsupportedContentUrlException port(int port) {
    return new UnsupportedContentUrlException(
        String.format(
            "port %d is not accepted: partner content is served on the default http(s) port",
            port));
  }

  static UnsupportedContentUrlException unknownHost(String host) {
    return new UnsupportedContentUrlException(
        String.format("host %s is not served by Meta, TikTok or Google", host));
  }

  static UnsupportedContentUrlException credentials() {
    return new UnsupportedContentUrlException(
        "must not carry a user name or password: public content needs none", true);
  }

  static UnsupportedContentUrlException encodedControlCharacter() {
    return new UnsupportedContentUrlException(
        "must not hold a percent-encoded control character (%00 to %1F, %7F)");
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
