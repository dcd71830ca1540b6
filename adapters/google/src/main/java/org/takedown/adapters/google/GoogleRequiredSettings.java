package org.takedown.adapters.google;

import java.util.List;
import org.takedown.platform.Platform;
import org.takedown.platform.RequiredSettings;

/**
 * What a real run against Google must configure (PARTNERS.md "Google"): the API root, the service
 * account's key file, and who signs the push notifications, without which every push would be
 * refused. {@code scope} and {@code push-issuer} have defaults.
 */
public final class GoogleRequiredSettings implements RequiredSettings {

  @Override
  public Platform platform() {
    return Platform.GOOGLE;
  }

  @Override
  public String baseUrlProperty() {
    return GoogleProperties.PREFIX + ".base-url";
  }

  @Override
  public List<String> properties() {
    return List.of(
        baseUrlProperty(),
        GoogleProperties.PREFIX + ".service-account-file",
        GoogleProperties.PREFIX + ".push-audience",
        GoogleProperties.PREFIX + ".push-service-account",
        GoogleProperties.PREFIX + ".push-jwks-uri");
  }
}
