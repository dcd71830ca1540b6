package org.takedown.adapters.tiktok;

import java.util.List;
import org.takedown.platform.Platform;
import org.takedown.platform.RequiredSettings;

/**
 * What a real run against TikTok must configure (PARTNERS.md "TikTok"): the API root and the app's
 * client key and secret, which both obtain tokens and verify callbacks.
 */
public final class TikTokRequiredSettings implements RequiredSettings {

  @Override
  public Platform platform() {
    return Platform.TIKTOK;
  }

  @Override
  public String baseUrlProperty() {
    return TikTokProperties.PREFIX + ".base-url";
  }

  @Override
  public List<String> properties() {
    return List.of(
        baseUrlProperty(),
        TikTokProperties.PREFIX + ".client-key",
        TikTokProperties.PREFIX + ".client-secret");
  }
}
