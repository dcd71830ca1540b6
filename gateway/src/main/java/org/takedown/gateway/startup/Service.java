package org.takedown.gateway.startup;

import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.takedown.platform.Platform;
import org.takedown.platform.RequiredSettings;

/**
 * A service the gateway cannot work without, the property whose presence says it is configured, and
 * every property a real run must set for it.
 */
public sealed interface Service {

  /** The name used in logs and in {@code /health}: {@code database}, {@code meta}, ... */
  String name();

  /** Set: the service is configured (and must be complete). Unset: it may be stood in for. */
  String namingProperty();

  List<String> requiredProperties();

  /**
   * Whether this configuration needs the service at all. Every service is needed, except the
   * console's identity provider when {@code gateway.console.enabled} is false (an API-only
   * gateway).
   */
  default boolean neededBy(PropertyResolver config) {
    return true;
  }

  /** PostgreSQL. */
  record Database() implements Service {
    @Override
    public String name() {
      return "database";
    }

    @Override
    public String namingProperty() {
      return "datasources.default.url";
    }

    @Override
    public List<String> requiredProperties() {
      return List.of(namingProperty());
    }
  }

  /** The identity provider whose keys sign the callers' bearer tokens. */
  record TokenIssuer() implements Service {
    @Override
    public String name() {
      return "token-issuer";
    }

    @Override
    public String namingProperty() {
      return "gateway.auth.jwks-uri";
    }

    @Override
    public List<String> requiredProperties() {
      return List.of(namingProperty(), "gateway.auth.issuer");
    }
  }

  /**
   * The identity provider where liaison officers sign in to the console (GATEWAY-API.md "Console
   * for liaison officers"), and the secret that seals the console's session cookies, which every
   * instance sharing the database must hold alike.
   */
  record ConsoleIssuer() implements Service {

    /** False: an API-only gateway, with no console and so no identity provider to configure. */
    public static final String ENABLED = "gateway.console.enabled";

    @Override
    public String name() {
      return "console-issuer";
    }

    @Override
    public String namingProperty() {
      return "gateway.console.oidc.issuer";
    }

    @Override
    public List<String> requiredProperties() {
      return List.of(
          namingProperty(),
          "gateway.console.oidc.client-id",
          "gateway.console.oidc.client-secret",
          "gateway.console.session.secret");
    }

    @Override
    public boolean neededBy(PropertyResolver config) {
      return config.getProperty(ENABLED, Boolean.class).orElse(true);
    }
  }

  /**
   * The key that signs the custody log's checkpoints (GATEWAY-API.md "Chain of custody"): an EC
   * P-256 private JWK file. In local mode a key kept under the data directory stands in for it.
   */
  record CustodySigningKey() implements Service {
    @Override
    public String name() {
      return "custody-signing-key";
    }

    @Override
    public String namingProperty() {
      return "gateway.custody.signing-key";
    }

    @Override
    public List<String> requiredProperties() {
      return List.of(namingProperty());
    }
  }

  /** A partner platform, as its adapter describes its settings. */
  record Partner(Platform platform, String namingProperty, List<String> requiredProperties)
      implements Service {

    public Partner {
      requiredProperties = List.copyOf(requiredProperties);
    }

    static Partner of(RequiredSettings settings) {
      return new Partner(settings.platform(), settings.baseUrlProperty(), settings.properties());
    }

    @Override
    public String name() {
      return platform.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The database, the token issuer, the console's identity provider, the custody log's signing key,
   * then each partner whose adapter is on the class path, in the order of {@link Platform}.
   */
  static List<Service> all() {
    List<Service> services =
        new ArrayList<>(
            List.of(
                new Database(), new TokenIssuer(), new ConsoleIssuer(), new CustodySigningKey()));
    ServiceLoader.load(RequiredSettings.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(RequiredSettings::platform))
        .map(Partner::of)
        .forEach(services::add);
    return List.copyOf(services);
  }
}
