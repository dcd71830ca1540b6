package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach TikTok's law-enforcement request API, read from {@code gateway.partners.tiktok.*}.
 *
 * @param baseUrl {@code base-url}, e.g. {@code https://open.tiktokapis.com}; required, and its
 *     presence is what switches the TikTok adapter on
 * @param clientKey {@code client-key} of the TikTok for Developers app; required
 * @param clientSecret {@code client-secret} of that app; required, never printed
 * @param connectTimeout {@code connect-timeout}, default 5s
 * @param readTimeout {@code read-timeout}, default 10s
 * @param tokenRefreshMargin {@code token-refresh-margin}, default 5m: a cached access token is
 *     replaced that long before TikTok says it expires
 */
@ConfigurationProperties(TikTokProperties.PREFIX)
@Requires(property = TikTokProperties.PREFIX + ".base-url")
public record TikTokProperties(
    URI baseUrl,
    String clientKey,
    String clientSecret,
    @Bindable(defaultValue = "5s") Duration connectTimeout,
    @Bindable(defaultValue = "10s") Duration readTimeout,
    @Bindable(defaultValue = "5m") Duration tokenRefreshMargin) {

  /** The configuration prefix of every TikTok key. */
  public static final String PREFIX = "gateway.partners.tiktok";

  public TikTokProperties {
    required(baseUrl, "base-url");
    requiredText(clientKey, "client-key");
    requiredText(clientSecret, "client-secret");
    positive(connectTimeout, "connect-timeout");
    positive(readTimeout, "read-timeout");
    required(tokenRefreshMargin, "token-refresh-margin");
    if (tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException(PREFIX + ".token-refresh-margin must not be negative");
    }
  }

  /** Leaves the client secret out, so that printing the configuration never leaks it. */
  @Override
  public String toString() {
    return "TikTokProperties[baseUrl=%s, clientKey=%s, clientSecret=***, connectTimeout=%s, readTimeout=%s, tokenRefreshMargin=%s]"
        .formatted(baseUrl, clientKey, connectTimeout, readTimeout, tokenRefreshMargin);
  }

  private static void required(Object value, String key) {
    if (value == null) {
      throw new IllegalArgumentException(PREFIX + "." + key + " is not set");
    }
  }

  private static void requiredText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "." + key + " is not set");
    }
  }

  private static void positive(Duration value, String key) {
    required(value, key);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(PREFIX + "." + key + " must be positive");
    }
  }
}
