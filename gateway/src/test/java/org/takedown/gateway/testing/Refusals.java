package org.takedown.gateway.testing;

import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.TikTokSimulator;

/**
 * Fresh content whose first create call the partner sandbox refuses for good (a 400). The refusal
 * is aimed at that content ({@code failNextCreateMentioning}), not queued for whichever call comes
 * next: a retry an earlier step left in flight cannot take it, and the content's own call always
 * gets it.
 */
public final class Refusals {

  private Refusals() {}

  /** A Facebook video URL that Meta refuses with error 100, "Invalid parameter". */
  public static String metaRefuses() {
    String url = Cases.freshUrl(Platform.META);
    TestGateway.sandbox()
        .meta()
        .failNextCreateMentioning(
            numberOf(url), 400, MetaSimulator.errorBody(100, "Invalid parameter"));
    return url;
  }

  /** A TikTok video URL that TikTok refuses with the error {@code code}. */
  public static String tiktokRefuses(String code) {
    String url = Cases.freshUrl(Platform.TIKTOK);
    TestGateway.sandbox()
        .tiktok()
        .failNextCreateMentioning(
            numberOf(url), 400, TikTokSimulator.errorBody(code, "Invalid params"));
    return url;
  }

  /**
   * The video's number at the end of a {@link Cases#freshUrl}: unique to it, and in the create call
   * whatever form of the URL the adapter sends (the canonical one drops "www.").
   */
  private static String numberOf(String url) {
    int end = url.length();
    int start = end;
    while (start > 0 && Character.isDigit(url.charAt(start - 1))) {
      start--;
    }
    if (end - start < 10) {
      throw new IllegalArgumentException("no long number at the end of " + url);
    }
    return url.substring(start);
  }
}
