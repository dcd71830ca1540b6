package org.takedown.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * How bearer tokens are verified.
 *
 * @param jwksUri where the issuer's public keys are: {@code https:}, {@code http:} or {@code file:}
 * @param issuer the exact {@code iss} accepted
 * @param audience the {@code aud} a token must carry; default {@code takedown-gateway}
 * @param clockSkew tolerance on {@code exp}/{@code nbf}; default 60 s
 * @param verifiedTokenTtl how long a verified token is trusted without checking its signature again
 *     (never beyond its {@code exp}); 0 checks every time; default 60 s
 * @param verifiedTokenCacheSize how many verified tokens are kept at most; default 10,000
 */
@ConfigurationProperties(AuthProperties.PREFIX)
public record AuthProperties(
    @NotNull URI jwksUri,
    @NotBlank String issuer,
    @Bindable(defaultValue = "takedown-gateway") @NotBlank String audience,
    @Bindable(defaultValue = "60s") @NotNull Duration clockSkew,
    @Bindable(defaultValue = "60s") @NotNull Duration verifiedTokenTtl,
    @Bindable(defaultValue = "10000") int verifiedTokenCacheSize) {

  public static final String PREFIX = "gateway.auth";
}
