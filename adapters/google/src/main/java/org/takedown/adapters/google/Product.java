package org.takedown.adapters.google;

import java.net.URI;
import java.util.Locale;

/**
 * The Google product a content URL belongs to (PARTNERS.md "Which URLs belong to which partner").
 */
enum Product {
  YOUTUBE,
  BLOGGER,
  DRIVE,
  MAPS,
  PLAY,
  OTHER;

  static Product ofContentUrl(String contentUrl) {
    String host = hostOf(contentUrl);
    return switch (host) {
      case "youtube.com", "m.youtube.com", "youtu.be" -> YOUTUBE;
      case "blogger.com" -> BLOGGER;
      case "drive.google.com", "docs.google.com" -> DRIVE;
      case "maps.google.com", "maps.app.goo.gl" -> MAPS;
      case "play.google.com" -> PLAY;
      default -> host.endsWith(".blogspot.com") ? BLOGGER : OTHER;
    };
  }

  /** Lower-case host without a trailing dot or a {@code www.} prefix; empty when unparseable. */
  private static String hostOf(String url) {
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return "";
    }
    if (host == null) {
      return "";
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.startsWith("www.") ? host.substring("www.".length()) : host;
  }
}
