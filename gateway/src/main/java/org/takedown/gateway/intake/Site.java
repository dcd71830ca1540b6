package org.takedown.gateway.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.takedown.platform.Platform;

/**
 * A partner's web property and what its URLs mean: which hosts serve it, which query parameters
 * identify content rather than track the visitor, and where its content id sits in a URL.
 *
 * <p>Hosts are compared after {@link ContentUrls} has lower-cased them and removed leading {@code
 * www.} and {@code m.} labels. A site's brand domains also cover their subdomains
 * (web.facebook.com, l.instagram.com, vm.tiktok.com, music.youtube.com, any *.blogspot.com), since
 * every subdomain is the partner's own. Under google.com and goo.gl only the listed hosts count:
 * Google runs unrelated services on their other subdomains.
 */
enum Site {
  FACEBOOK(
      Platform.META,
      List.of("facebook.com", "fb.com"),
      List.of("facebook.com", "fb.com"),
      Set.of("story_fbid", "id", "v", "fbid")) {
    @Override
    String contentId(String path, QueryParameters query) {
      // The first of these that the URL carries names the content; a page id in "id" alongside
      // an opaque story_fbid (story.php?story_fbid=pfbid...&id=...) is not the post's id.
      for (String name : List.of("story_fbid", "fbid", "v")) {
        Optional<String> value = query.first(name);
        if (value.isPresent()) {
          return numeric(value.get());
        }
      }
      String fromPath = firstGroup(FACEBOOK_PATH_ID, path);
      return fromPath != null ? fromPath : query.first("id").map(Site::numeric).orElse(null);
    }
  },
  FB_WATCH(Platform.META, List.of("fb.watch"), List.of("fb.watch"), Set.of()),
  INSTAGRAM(
      Platform.META,
      List.of("instagram.com", "instagr.am"),
      List.of("instagram.com", "instagr.am"),
      Set.of()) {
    @Override
    String contentId(String path, QueryParameters query) {
      return firstGroup(INSTAGRAM_SHORTCODE, path);
    }
  },
  THREADS(
      Platform.META,
      List.of("threads.net", "threads.com"),
      List.of("threads.net", "threads.com"),
      Set.of()),
  MESSENGER(Platform.META, List.of("messenger.com"), List.of("messenger.com"), Set.of()),
  TIKTOK(Platform.TIKTOK, List.of("tiktok.com"), List.of("tiktok.com"), Set.of()) {
    @Override
    String contentId(String path, QueryParameters query) {
      return firstGroup(TIKTOK_VIDEO_ID, path);
    }
  },
  YOUTUBE(Platform.GOOGLE, List.of("youtube.com"), List.of("youtube.com"), Set.of("v")) {
    @Override
    boolean identifies(String parameter, String path) {
      // A playlist page is addressed by its list; on a watch page the list is only context.
      return super.identifies(parameter, path) || ("list".equals(parameter) && isPlaylist(path));
    }

    @Override
    String contentId(String path, QueryParameters query) {
      if (path.equals("/watch")) {
        return query.first("v").filter(v -> YOUTUBE_VIDEO_ID.matcher(v).matches()).orElse(null);
      }
      return firstGroup(YOUTUBE_PATH_VIDEO_ID, path);
    }

    private boolean isPlaylist(String path) {
      return path.equals("/playlist");
    }
  },
  YOUTU_BE(Platform.GOOGLE, List.of("youtu.be"), List.of(), Set.of()) {
    @Override
    String contentId(String path, QueryParameters query) {
      return firstGroup(YOUTU_BE_VIDEO_ID, path);
    }
  },
  BLOGGER(
      Platform.GOOGLE, List.of("blogger.com"), List.of("blogger.com", "blogspot.com"), Set.of()),
  DRIVE(Platform.GOOGLE, List.of("drive.google.com", "docs.google.com"), List.of(), Set.of("id")),
  MAPS(Platform.GOOGLE, List.of("maps.google.com", "maps.app.goo.gl"), List.of(), Set.of("cid")),
  PLAY(Platform.GOOGLE, List.of("play.google.com"), List.of(), Set.of("id"));

  private static final String YOUTUBE_ID = "([A-Za-z0-9_-]{11})";
  private static final Pattern YOUTUBE_VIDEO_ID = Pattern.compile(YOUTUBE_ID);
  private static final Pattern YOUTUBE_PATH_VIDEO_ID =
      Pattern.compile("/(?:shorts|embed|live)/" + YOUTUBE_ID);
  private static final Pattern YOUTU_BE_VIDEO_ID = Pattern.compile("/" + YOUTUBE_ID);
  private static final Pattern TIKTOK_VIDEO_ID =
      Pattern.compile("/@[^/]+/(?:video|photo)/(\\d+)|/embed(?:/v2)?/(\\d+)");
  private static final Pattern INSTAGRAM_SHORTCODE =
      Pattern.compile("(?:/[^/]+)?/(?:p|reel|tv)/([A-Za-z0-9_-]+)(?:/.*)?|/reels/([A-Za-z0-9_-]+)");
  private static final Pattern FACEBOOK_PATH_ID =
      Pattern.compile(
          "(?:/groups)?/[^/]+/posts/(\\d+)"
              + "|/groups/[^/]+/permalink/(\\d+)"
              + "|/[^/]+/(?:videos|photos)/(?:[^/]+/)?(\\d+)"
              + "|/reel/(\\d+)");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private static final Map<String, Site> BY_HOST = new HashMap<>();
  private static final Map<String, Site> BY_PARENT_DOMAIN = new HashMap<>();

  static {
    for (Site site : values()) {
      site.hosts.forEach(host -> BY_HOST.put(host, site));
      site.parentDomains.forEach(domain -> BY_PARENT_DOMAIN.put(domain, site));
    }
  }

  private final Platform platform;
  private final List<String> hosts;
  private final List<String> parentDomains;
  private final Set<String> identifyingParameters;

  Site(
      Platform platform,
      List<String> hosts,
      List<String> parentDomains,
      Set<String> identifyingParameters) {
    this.platform = platform;
    this.hosts = hosts;
    this.parentDomains = parentDomains;
    this.identifyingParameters = identifyingParameters;
  }

  /**
   * The site serving a normalised host (lower case, no trailing dot, no leading {@code www.} or
   * {@code m.}); empty for any other host, including look-alikes such as {@code
   * facebook.com.evil.org} or {@code notfacebook.com}.
   */
  static Optional<Site> forHost(String host) {
    Site exact = BY_HOST.get(host);
    if (exact != null) {
      return Optional.of(exact);
    }
    // Walk up one label at a time, so only whole labels match: x.facebook.com, not xfacebook.com.
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      Site parent = BY_PARENT_DOMAIN.get(host.substring(dot + 1));
      if (parent != null) {
        return Optional.of(parent);
      }
    }
    return Optional.empty();
  }

  Platform platform() {
    return platform;
  }

  /** Whether a query parameter names the content at this path, so the canonical URL keeps it. */
  boolean identifies(String parameter, String path) {
    return identifyingParameters.contains(parameter);
  }

  /**
   * The partner's content id carried by a canonical path (no trailing slash) and its query, or
   * {@code null} when the URL carries none.
   */
  String contentId(String path, QueryParameters query) {
    return null;
  }

  private static String numeric(String value) {
    return DIGITS.matcher(value).matches() ? value : null;
  }

  /** The first group that took part in a whole-path match of {@code pattern}, else null. */
  private static String firstGroup(Pattern pattern, String path) {
    Matcher matcher = pattern.matcher(path);
    if (!matcher.matches()) {
      return null;
    }
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    return null;
  }
}
