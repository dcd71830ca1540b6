package org.takedown.adapters.meta;

import java.util.List;
import org.takedown.platform.Platform;
import org.takedown.platform.RequiredSettings;

/**
 * What a real run against Meta must configure (PARTNERS.md "Meta"): the Graph API root, the
 * agency's node, its system-user token, and the webhook's HMAC key and subscription token, without
 * which no callback would be accepted. {@code api-version} has a default.
 */
public final class MetaRequiredSettings implements RequiredSettings {

  @Override
  public Platform platform() {
    return Platform.META;
  }

  @Override
  public String baseUrlProperty() {
    return MetaProperties.PREFIX + ".base-url";
  }

  @Override
  public List<String> properties() {
    return List.of(
        baseUrlProperty(),
        MetaProperties.PREFIX + ".agency-id",
        MetaProperties.PREFIX + ".access-token",
        MetaProperties.PREFIX + ".app-secret",
        MetaProperties.PREFIX + ".verify-token");
  }
}
