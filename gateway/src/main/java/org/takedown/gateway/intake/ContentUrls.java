package org.takedown.gateway.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the partner, canonical URL and content id of a URL reported in a case item (GATEWAY-API.md
 * "Cases", PARTNERS.md "Which URLs belong to which partner"). Works offline: short links
 * (vm.tiktok.com, fb.watch, maps.app.goo.gl) are accepted but not resolved, so they carry no
 * content id.
 *
 * <p>Accepted: an absolute {@code http} or {@code https} URL (scheme in any case, surrounding
 * whitespace ignored) whose host belongs to a partner. The host is lower-cased, and a trailing dot
 * and leading {@code www.} and {@code m.} labels are removed, and the rest must be a listed host or
 * a subdomain of a partner's brand domain (facebook.com, instagram.com, tiktok.com, youtube.com,
 * ..., any *.blogspot.com); look-alikes such as {@code facebook.com.evil.org} are refused. A URL
 * that carries a user name or password ({@code https://user:secret@host/...}) is refused: public
 * content needs none, and the gateway would otherwise store and show the secret. So is one whose
 * path or query holds a percent-encoded control character ({@code %00} to {@code %1F}, {@code
 * %7F}): no content is named so, and the partner would receive it. An explicit port is accepted
 * only when it is the scheme's default (80 for http, 443 for https): partners serve public content
 * on no other port, and the canonical URL, which has none, would name a different resource.
 *
 * <p>The canonical URL is {@code https}, the normalised host, the path with dot segments resolved
 * and trailing slashes removed ({@code /} becomes empty), then the query reduced to the first
 * occurrence of each parameter that identifies content, in its original order: YouTube {@code v}
 * (and {@code list} on {@code /playlist}); Facebook {@code story_fbid}, {@code id}, {@code v},
 * {@code fbid}; Drive and Play {@code id}; Maps {@code cid}. Tracking parameters ({@code utm_*},
 * {@code fbclid}, {@code igsh}, {@code si}, {@code feature}, {@code t}, ...) and the fragment are
 * dropped; non-ASCII characters are percent-encoded as UTF-8. Path and query keep their case: video
 * ids and shortcodes are case-sensitive.
 */
public final class ContentUrls {

  // %00-%1F and %7F, in either case
  private static final Pattern ENCODED_CONTROL_CHARACTER =
      Pattern.compile("%(?:[01]\\p{XDigit}|7[fF])");

  private ContentUrls() {}

  /**
   * Locates the content a reported URL points at.
   *
   * @param url the URL as the submitter gave it
   * @return the partner, canonical URL and content id (null when the URL carries none)
   * @throws UnsupportedContentUrlException when the URL is blank, malformed, not absolute http(s),
   *     has a non-default port, its host is not a partner's, it carries credentials, or its path or
   *     query holds an encoded control character; the message is fit for a validation error
   */
  public static ContentLocation locate(String url) {
    if (url == null || url.isBlank()) {
      throw UnsupportedContentUrlException.blank();
    }
    URI uri = parse(url.strip());
    String givenHost = withoutTrailingDot(uri.getHost().toLowerCase(Locale.ROOT));
    String host = withoutWwwOrMobilePrefix(givenHost);
    Site site =
        Site.forHost(host).orElseThrow(() -> UnsupportedContentUrlException.unknownHost(givenHost));
    if (uri.getRawUserInfo() != null) {
      throw UnsupportedContentUrlException.credentials();
    }
    if (holdsEncodedControlCharacter(uri.getRawPath())
        || holdsEncodedControlCharacter(uri.getRawQuery())) {
      throw UnsupportedContentUrlException.encodedControlCharacter();
    }

    String path = canonicalPath(uri);
    QueryParameters query = QueryParameters.parse(uri.getRawQuery());
    String keptQuery = query.retain(parameter -> site.identifies(parameter, path));
    String canonicalUrl =
        toAscii("https://" + host + path + (keptQuery.isEmpty() ? "" : "?" + keptQuery));
    return new ContentLocation(site.platform(), canonicalUrl, site.contentId(path, query));
  }

  private static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw UnsupportedContentUrlException.malformed(e.getReason(), e.getIndex());
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw UnsupportedContentUrlException.notAbsolute();
    }
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    if (!lowerScheme.equals("http") && !lowerScheme.equals("https")) {
      throw UnsupportedContentUrlException.scheme(lowerScheme);
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      throw UnsupportedContentUrlException.noHost();
    }
    if (uri.getHost() == null) {
      // java.net.URI falls back to a registry-based authority for hosts it cannot parse as a
      // server name (underscores, non-ASCII, a non-numeric port).
      throw UnsupportedContentUrlException.invalidHost();
    }
    int defaultPort = lowerScheme.equals("https") ? 443 : 80;
    if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
      throw UnsupportedContentUrlException.port(uri.getPort());
    }
    return uri;
  }

  private static boolean holdsEncodedControlCharacter(String raw) {
    return raw != null && ENCODED_CONTROL_CHARACTER.matcher(raw).find();
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static String withoutWwwOrMobilePrefix(String host) {
    // Repeated, so that the canonical host of www.m.facebook.com is itself canonical.
    String stripped = host;
    while (true) {
      if (stripped.startsWith("www.")) {
        stripped = stripped.substring("www.".length());
      } else if (stripped.startsWith("m.")) {
        stripped = stripped.substring("m.".length());
      } else {
        return stripped;
      }
    }
  }

  private static String canonicalPath(URI uri) {
    String path = uri.normalize().getRawPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  private static String toAscii(String canonicalUrl) {
    try {
      return new URI(canonicalUrl).toASCIIString();
    } catch (URISyntaxException e) {
      // Every part was taken from a URI that parsed, so the reassembled one parses too.
      throw new IllegalStateException("canonical URL does not parse", e);
    }
  }
}
