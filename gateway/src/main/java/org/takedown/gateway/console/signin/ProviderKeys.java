package org.takedown.gateway.console.signin;

import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.client.JwksUriSignatureFactory;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfigurationProperties;

/**
 * Where the ID token's signing keys are: the provider's {@code jwks_uri}, read from its discovery
 * document when a sign-in first needs the keys rather than when the gateway starts.
 *
 * <p>Micronaut's own configuration ({@link JwksUriSignatureFactory}) is made from the discovery
 * document, so a gateway that starts while the provider is unreachable has none; the signature
 * validator lists the key sets it knows once, at startup, and would then refuse every ID token
 * (every callback a 401) until a restart, even after {@link ProviderCheckFilter} has read the
 * document. This one exists from the start whatever the provider's state, and asks for the document
 * each time it is read: the sign-in flow's own copy, read again by the filter while unknown, so the
 * keys come back with the provider. The verification is Micronaut's, unchanged.
 */
@Factory
@ConsoleEnabled
final class ProviderKeys {

  @EachBean(OpenIdClientConfiguration.class)
  @Replaces(bean = JwksSignatureConfiguration.class, factory = JwksUriSignatureFactory.class)
  JwksSignatureConfiguration jwks(
      @Parameter OpenIdClientConfiguration client,
      @Parameter BeanProvider<DefaultOpenIdProviderMetadata> discovery) {
    return new Discovered(client.getName(), discovery);
  }

  /** The key set named by the discovery document, as it is when asked. */
  private record Discovered(String name, BeanProvider<DefaultOpenIdProviderMetadata> discovery)
      implements JwksSignatureConfiguration {

    @Override
    public String getName() {
      return name;
    }

    /**
     * The document's {@code jwks_uri}. Read at a callback, which {@link ProviderCheckFilter} lets
     * through only once the document is known: this finds it, it does not fetch it.
     */
    @Override
    public String getUrl() {
      return discovery.get().getJwksUri();
    }

    @Override
    public KeyType getKeyType() {
      return JwksSignatureConfigurationProperties.DEFAULT_KEYTYPE;
    }

    // still read by Micronaut's default key set cache, which keeps a key set this long
    @Override
    @SuppressWarnings("removal")
    public Integer getCacheExpiration() {
      return JwksSignatureConfigurationProperties.DEFAULT_CACHE_EXPIRATION;
    }
  }
}
