package org.takedown.adapters.google;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Configuration of the Google adapter, under {@value #PREFIX} (PARTNERS.md "Google").
 *
 * @param baseUrl the legal-requests API root, e.g. {@code https://legalrequests.googleapis.com};
 *     the adapter exists only when it is set
 * @param serviceAccountFile path of the Google service-account JSON key ({@code client_email},
 *     {@code private_key_id}, PKCS#8 {@code private_key}, {@code token_uri}); read once at startup
 * @param scope OAuth scope asked for in the token assertion; default {@value #DEFAULT_SCOPE}
 * @param pushAudience expected {@code aud} of push-notification OIDC tokens
 * @param pushServiceAccount expected {@code email} of push-notification OIDC tokens
 * @param pushJwksUri JWKS that signs push-notification OIDC tokens: an {@code http:}, {@code
 *     https:} or {@code file:} URI, e.g. {@code https://www.googleapis.com/oauth2/v3/certs}; cached
 *     for five minutes and refetched when a token names an unknown key
 * @param pushIssuer expected {@code iss} of push-notification OIDC tokens, e.g. {@code
 *     https://accounts.google.com}. Without all four push-* keys no push is verified: every push is
 *     refused
 * @param connectTimeout TCP connect timeout towards Google; default 5s
 * @param readTimeout time allowed for an answer; default 10s
 * @param tokenRefreshMargin how long before its expiry an access token is replaced; default 5m
 */
@ConfigurationProperties(GoogleProperties.PREFIX)
public record GoogleProperties(
    String baseUrl,
    @Nullable String serviceAccountFile,
    @Bindable(defaultValue = DEFAULT_SCOPE) String scope,
    @Nullable String pushAudience,
    @Nullable String pushServiceAccount,
    @Nullable String pushJwksUri,
    @Nullable String pushIssuer,
    @Bindable(defaultValue = "5s") Duration connectTimeout,
    @Bindable(defaultValue = "10s") Duration readTimeout,
    @Bindable(defaultValue = "5m") Duration tokenRefreshMargin) {

  /** Configuration prefix of the Google adapter. */
  public static final String PREFIX = "gateway.partners.google";

  /** Scope asked for when {@code scope} is not configured. */
  public static final String DEFAULT_SCOPE = "https://www.googleapis.com/auth/legalrequests";
}
