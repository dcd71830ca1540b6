package org.takedown.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.takedown.contracts.Action;
import org.takedown.contracts.CaseSubmission;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.platform.Platform;

/** Case submissions as an internal service sends them, built as JSON-ready maps. */
public final class Cases {

  public static final String TIKTOK_URL =
      "https://www.tiktok.com/@scam.invest.ma/video/7312345678901234567?is_from_webapp=1";
  public static final String INSTAGRAM_URL = "https://www.instagram.com/reel/C8xYz12AbCd/?igsh=abc";
  public static final String YOUTUBE_URL = "https://youtu.be/dQw4w9WgXcQ?si=tracking";
  public static final String EVIDENCE =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static final AtomicLong FRESH = new AtomicLong(System.nanoTime());

  private Cases() {}

  /** A content URL of {@code platform} that no other call returns: one partner request each. */
  public static String freshUrl(Platform platform) {
    long n = FRESH.incrementAndGet();
    return switch (platform) {
      case META -> "https://www.facebook.com/watch/?v=" + n;
      case TIKTOK -> "https://www.tiktok.com/@fresh.user/video/" + n;
      case GOOGLE -> "https://www.youtube.com/watch?v=" + youtubeId(n);
    };
  }

  /** A case of one item on {@code platform} with the given actions. */
  public static Map<String, Object> oneItem(Platform platform, String... actions) {
    Map<String, Object> body = sample();
    body.put("items", new ArrayList<>(List.of(item(freshUrl(platform), actions))));
    return body;
  }

  /** YouTube ids are 11 characters of base64url. */
  private static String youtubeId(long n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      id.append(alphabet.charAt((int) (n & 63)));
      n >>>= 6;
    }
    return id.toString();
  }

  /** A valid case: one item per partner, both actions on the TikTok one. */
  public static Map<String, Object> sample() {
    return sample("EIB-" + UUID.randomUUID());
  }

  public static Map<String, Object> sample(String externalRef) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalRef", externalRef);
    body.put("category", "SEXTORTION");
    body.put("priority", "URGENT");
    body.put(
        "legalBasis",
        Map.of(
            "law", "Loi 103-13", "article", "art. 447-1", "authorizationRef", "PR-RABAT-2024-551"));
    body.put(
        "requestedBy",
        Map.of(
            "name", "Cdt. Officer Test",
            "email", "liaison@bnpj.test",
            "unit", "BNPJ / Brigade technique"));
    body.put("nonDisclosure", true);
    body.put(
        "items",
        new ArrayList<>(
            List.of(
                item(TIKTOK_URL, "TAKEDOWN", "PRESERVATION"),
                item(INSTAGRAM_URL, "TAKEDOWN"),
                item(YOUTUBE_URL, "TAKEDOWN"))));
    return body;
  }

  /**
   * A case of one item on {@code platform}, as a client written with the contracts module's record
   * sends it: every optional member it leaves out is sent as null.
   */
  public static CaseSubmission submission(
      String externalRef, Platform platform, Action... actions) {
    return new CaseSubmission(
        externalRef,
        Category.FRAUD,
        Priority.ROUTINE,
        new CaseSubmission.LegalBasis("Loi 103-13", null, "PR-RABAT-2024-551"),
        new CaseSubmission.RequestedBy(null, "liaison@bnpj.test", null),
        null,
        List.of(
            new CaseSubmission.Item(freshUrl(platform), List.of(actions), EVIDENCE, null, null)));
  }

  public static Map<String, Object> item(String url, String... actions) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", url);
    item.put("actions", List.of(actions));
    item.put("evidenceSha256", EVIDENCE);
    item.put("observedAt", "2024-06-20T10:00:00Z");
    return item;
  }

  /** A case of {@code items} TAKEDOWN items spread over the three partners. */
  public static Map<String, Object> spread(String externalRef, int items) {
    Map<String, Object> body = sample(externalRef);
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String url =
          switch (i % 3) {
            case 0 ->
                "https://www.tiktok.com/@user" + i + "/video/73" + (10_000_000_000_000_000L + i);
            case 1 -> "https://www.facebook.com/permalink.php?story_fbid=10" + i + "&id=4" + i;
            default ->
                "https://www.youtube.com/watch?v=abcdefghi" + (char) ('a' + i % 26) + (i % 10);
          };
      list.add(item(url, "TAKEDOWN"));
    }
    body.put("items", list);
    return body;
  }
}
