package org.takedown.gateway.console.signin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * The console's identity provider, GATEWAY-API.md "Console for liaison officers". The issuer,
 * client id and secret are read by Micronaut's OpenID client (application.yml maps them onto the
 * client named {@value SignInPaths#CLIENT}); the gateway itself reads the roles claim and, to end
 * the provider's session, the client id.
 *
 * @param issuer discovery at {@code {issuer}/.well-known/openid-configuration}
 * @param clientId the console's client at the provider (a confidential client)
 * @param clientSecret its secret, sent to the token endpoint
 * @param rolesClaim the ID token claim holding the roles; a dotted path reaches a nested claim
 *     ({@code realm_access.roles} for Keycloak's realm roles); default {@code roles}
 */
@ConfigurationProperties("gateway.console.oidc")
public record ConsoleOidcProperties(
    @Nullable String issuer,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Bindable(defaultValue = "roles") @NotBlank String rolesClaim) {}
