package org.takedown.adapters.meta;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings for Meta's Graph API, bound from {@code gateway.partners.meta.*}.
 *
 * @param baseUrl {@code base-url}, required, e.g. {@code https://graph.facebook.com}
 * @param apiVersion {@code api-version}, the Graph version path segment; default {@code v21.0}
 * @param agencyId {@code agency-id}, required: the Graph node that owns the agency's legal requests
 * @param accessToken {@code access-token}, required: the system-user token sent as Bearer
 * @param appSecret {@code app-secret}: the webhook HMAC key; without it no callback is accepted
 * @param verifyToken {@code verify-token}: the webhook subscription token; without it no
 *     subscription is confirmed
 * @param connectTimeout {@code connect-timeout}, default 5s
 * @param readTimeout {@code read-timeout}, default 10s: Micronaut applies it to one whole exchange,
 *     connecting included, so no Meta call outlasts it (a dispatch lease must be longer)
 */
@ConfigurationProperties(MetaProperties.PREFIX)
public record MetaProperties(
    String baseUrl,
    @Bindable(defaultValue = "v21.0") String apiVersion,
    String agencyId,
    String accessToken,
    @Nullable String appSecret,
    @Nullable String verifyToken,
    @Bindable(defaultValue = "5s") Duration connectTimeout,
    @Bindable(defaultValue = "10s") Duration readTimeout) {

  /** Where these properties live. */
  public static final String PREFIX = "gateway.partners.meta";

  public MetaProperties {
    requireText(baseUrl, "base-url");
    requireText(apiVersion, "api-version");
    requireText(agencyId, "agency-id");
    requireText(accessToken, "access-token");
    Objects.requireNonNull(connectTimeout, PREFIX + ".connect-timeout");
    Objects.requireNonNull(readTimeout, PREFIX + ".read-timeout");
  }

  private static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "." + key + " must be set");
    }
  }

  /** Leaves the credentials out, so that logging the configuration never leaks them. */
  @Override
  public String toString() {
    return "MetaProperties[baseUrl="
        + baseUrl
        + ", apiVersion="
        + apiVersion
        + ", agencyId="
        + agencyId
        + ", accessToken=***, appSecret="
        + (appSecret == null ? "unset" : "***")
        + ", verifyToken="
        + (verifyToken == null ? "unset" : "***")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}
