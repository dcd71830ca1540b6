package org.takedown.gateway.localrun;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.startup.Service;
import org.takedown.gateway.startup.StandIns;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.SandboxOptions;

/**
 * The stand-ins of local mode, for the services a local run leaves unconfigured: an embedded
 * PostgreSQL for the database, the partner sandbox for each partner, a development token issuer, a
 * development identity provider for the console's sign-in, and a checkpoint signing key for the
 * custody log kept under the data directory. The launcher decides which are needed (GATEWAY-API.md
 * "Configuration"); this class only starts them.
 */
public final class LocalServices implements StandIns.Started {

  static final String DEFAULT_DATA_DIR = "./data";
  static final String DEV_AUTH_DIR = "dev-auth";
  static final String CUSTODY_DIR = "custody";

  /** The development identity provider's port in a local run. 0: any free. */
  static final int DEFAULT_ISSUER_PORT = 8180;

  /** The console's client at the development identity provider. */
  static final String CONSOLE_CLIENT_ID = "takedown-console";

  /** Meta's sandbox port in a local run; TikTok's and Google's are the next two. 0: any free. */
  static final int DEFAULT_SANDBOX_BASE_PORT = 8181;

  private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private EmbeddedPostgres postgres;
  private PartnerSandbox sandbox;
  private DevIdentityProvider identityProvider;

  private LocalServices() {}

  /** The stand-ins a local build offers the launcher. */
  public static StandIns standIns() {
    return LocalServices::start;
  }

  static LocalServices start(List<Service> services, PropertyResolver config) {
    LocalServices local = new LocalServices();
    try {
      Path dataDir =
          Path.of(config.getProperty("gateway.local.data-dir", String.class, DEFAULT_DATA_DIR));
      List<Service.Partner> partners = new ArrayList<>();
      for (Service service : services) {
        if (service instanceof Service.Database) {
          local.startPostgres(dataDir.resolve("postgres"));
        } else if (service instanceof Service.TokenIssuer) {
          local.trustDevelopmentTokens(dataDir.resolve(DEV_AUTH_DIR));
        } else if (service instanceof Service.ConsoleIssuer) {
          int port =
              config.getProperty("gateway.local.issuer-port", Integer.class, DEFAULT_ISSUER_PORT);
          local.startIdentityProvider(
              dataDir.resolve(DEV_AUTH_DIR),
              port,
              config
                  .getProperty("gateway.console.session.secret", String.class)
                  .filter(secret -> !secret.isBlank()));
        } else if (service instanceof Service.CustodySigningKey) {
          local.keepCustodyKey(dataDir.resolve(CUSTODY_DIR));
        } else if (service instanceof Service.Partner partner) {
          partners.add(partner);
        }
      }
      if (!partners.isEmpty()) {
        int basePort =
            config.getProperty(
                "gateway.local.sandbox-base-port", Integer.class, DEFAULT_SANDBOX_BASE_PORT);
        local.startSandbox(dataDir.resolve("sandbox"), basePort, partners);
      }
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }

  @Override
  public Map<String, Object> properties() {
    return properties;
  }

  @Override
  public Map<String, String> descriptions() {
    return descriptions;
  }

  private void startPostgres(Path dir) {
    postgres = EmbeddedDatabase.start(dir);
    properties.put("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "");
    descriptions.put(
        "database", "embedded PostgreSQL on port " + postgres.getPort() + ", data in " + dir);
  }

  private void startSandbox(Path dir, int basePort, List<Service.Partner> partners) {
    sandbox = startSandboxOn(dir, basePort);
    for (Service.Partner partner : partners) {
      Map<String, String> partnerProperties =
          switch (partner.platform()) {
            case META -> sandbox.meta().gatewayProperties();
            case TIKTOK -> sandbox.tiktok().gatewayProperties();
            case GOOGLE -> sandbox.google().gatewayProperties();
          };
      properties.putAll(partnerProperties);
      descriptions.put(
          partner.name(), "partner sandbox at " + partnerProperties.get(partner.namingProperty()));
    }
  }

  /**
   * Fixed ports keep docs/api-guide.md's sandbox commands true; when one is taken (a second local
   * run), any free ports will do, and the log names them.
   */
  private static PartnerSandbox startSandboxOn(Path dir, int basePort) {
    // no request journal: it would grow for as long as the local run lasts
    SandboxOptions.Builder options = SandboxOptions.builder().directory(dir).requestJournalLimit(0);
    if (basePort > 0) {
      try {
        return PartnerSandbox.start(
            options.metaPort(basePort).tiktokPort(basePort + 1).googlePort(basePort + 2).build());
      } catch (IllegalStateException e) {
        LOG.warn(
            "sandbox ports {}-{} are not free ({}); the sandbox takes any free ports",
            basePort,
            basePort + 2,
            e.getMessage());
      }
    }
    return PartnerSandbox.start(options.metaPort(0).tiktokPort(0).googlePort(0).build());
  }

  private void trustDevelopmentTokens(Path dir) {
    DevSigningKey key = DevSigningKey.loadOrCreate(dir);
    properties.put("gateway.auth.jwks-uri", key.jwksFile().toUri().toString());
    properties.put("gateway.auth.issuer", DevSigningKey.ISSUER);
    descriptions.put("token-issuer", "development token issuer, keys in " + dir);
  }

  private void keepCustodyKey(Path dir) {
    properties.put(
        "gateway.custody.signing-key", DevCustodyKey.loadOrCreate(dir).toAbsolutePath().toString());
    descriptions.put("custody-signing-key", "development checkpoint key in " + dir);
  }

  /**
   * The console's identity provider: the development one, on {@code port} (any free port when it is
   * taken), its signing key and the console's session secret kept under {@code dir}, so that a
   * restart keeps officers signed in. The client secret is new each run: both ends are set here.
   */
  private void startIdentityProvider(Path dir, int port, Optional<String> sessionSecret) {
    DevSigningKey key = DevSigningKey.loadOrCreate(dir.resolve("oidc"));
    String clientSecret = DevSigningKey.secretIn(dir.resolve("oidc").resolve("client-secret"));
    identityProvider = DevIdentityProvider.start(port, key, CONSOLE_CLIENT_ID, clientSecret);
    if (port > 0 && !identityProvider.issuer().endsWith(":" + port)) {
      LOG.warn(
          "the development identity provider's port {} is not free; it took {}",
          port,
          identityProvider.issuer());
    }
    properties.put("gateway.console.oidc.issuer", identityProvider.issuer());
    properties.put("gateway.console.oidc.client-id", CONSOLE_CLIENT_ID);
    properties.put("gateway.console.oidc.client-secret", clientSecret);
    properties.put(
        "gateway.console.session.secret",
        sessionSecret.orElseGet(
            () -> DevSigningKey.secretIn(dir.resolve("console-session-secret"))));
    // http://localhost: a Secure cookie would not come back
    properties.put("gateway.console.session.secure-cookie", "false");
    descriptions.put(
        "console-issuer",
        "development identity provider at "
            + identityProvider.issuer()
            + " (sign in as "
            + DevIdentityProvider.IDENTITIES.stream()
                .map(DevIdentityProvider.Identity::subject)
                .collect(java.util.stream.Collectors.joining(", "))
            + ")");
  }

  /** The development identity provider of this run, when it stands in for the console's. */
  DevIdentityProvider identityProvider() {
    return identityProvider;
  }

  /** Points the sandbox's callbacks at the started gateway. */
  @Override
  public void attach(ApplicationContext gateway) {
    if (sandbox != null) {
      gateway.findBean(EmbeddedServer.class).ifPresent(s -> sandbox.deliverCallbacksTo(s.getURI()));
    }
  }

  /** The base URL of a partner's sandbox in this run, when it stands in for that partner. */
  String sandboxBaseUrl(String partner) {
    return (String) properties.get("gateway.partners." + partner + ".base-url");
  }

  @Override
  public void close() {
    if (identityProvider != null) {
      identityProvider.close();
      identityProvider = null;
    }
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
      postgres = null;
    }
  }
}
