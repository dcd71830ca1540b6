package org.takedown.gateway.intake;

import java.util.Objects;
import org.takedown.platform.Platform;

/**
 * Where a reported URL's content lives: the partner that hosts it, the URL in the canonical form
 * the gateway stores and sends to the partner, and the partner's own content id when the URL
 * carries one.
 *
 * @param platform the partner that hosts the content
 * @param canonicalUrl {@code https}, lower-case host without {@code www.}/{@code m.}, no trailing
 *     slash, only the query parameters that identify content, no fragment or port (a URL with
 *     userinfo is refused)
 * @param contentId the YouTube video id, TikTok video id, Instagram shortcode or Facebook numeric
 *     id; {@code null} when the URL does not carry one (short links, profiles, other products)
 */
public record ContentLocation(Platform platform, String canonicalUrl, String contentId) {

  public ContentLocation {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(canonicalUrl, "canonicalUrl");
  }
}
