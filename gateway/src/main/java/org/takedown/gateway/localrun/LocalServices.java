package org.takedown.gateway.localrun;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.SandboxOptions;

/**
 * What a first run needs and nobody configured: an embedded PostgreSQL when {@code
 * datasources.default.url} is unset, the partner sandbox for every partner without a {@code
 * base-url}, and a development token issuer when {@code gateway.auth.jwks-uri} is unset. Each is
 * replaced by the real thing as soon as its property is set.
 */
public final class LocalServices implements AutoCloseable {

  static final String DEFAULT_DATA_DIR = "./data";
  static final String DEV_AUTH_DIR = "dev-auth";

  /** Meta's sandbox port in a local run; TikTok's and Google's are the next two. 0: any free. */
  static final int DEFAULT_SANDBOX_BASE_PORT = 8181;

  private static final List<String> PARTNERS = List.of("meta", "tiktok", "google");
  private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> started = new ArrayList<>();
  private EmbeddedPostgres postgres;
  private PartnerSandbox sandbox;

  private LocalServices() {}

  /** Reads the configuration {@code args} and the environment give, and starts what is missing. */
  public static LocalServices startMissing(String[] args) {
    LocalServices local = new LocalServices();
    try (ApplicationContext probe = ApplicationContext.builder().args(args).build()) {
      Environment env = probe.getEnvironment().start();
      Path dataDir =
          Path.of(env.getProperty("gateway.local.data-dir", String.class, DEFAULT_DATA_DIR));
      if (env.getProperty("datasources.default.url", String.class).isEmpty()) {
        local.startPostgres(dataDir.resolve("postgres"));
      }
      List<String> unconfigured =
          PARTNERS.stream()
              .filter(p -> env.getProperty(partnerKey(p), String.class).isEmpty())
              .toList();
      if (!unconfigured.isEmpty()) {
        int basePort =
            env.getProperty(
                "gateway.local.sandbox-base-port", Integer.class, DEFAULT_SANDBOX_BASE_PORT);
        local.startSandbox(dataDir.resolve("sandbox"), basePort, unconfigured);
      }
      if (env.getProperty("gateway.auth.jwks-uri", String.class).isEmpty()) {
        local.trustDevelopmentTokens(dataDir.resolve(DEV_AUTH_DIR));
      }
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }

  private static String partnerKey(String partner) {
    return "gateway.partners." + partner + ".base-url";
  }

  public Map<String, Object> properties() {
    return properties;
  }

  private void startPostgres(Path dir) {
    try {
      postgres =
          EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
    }
    properties.put("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "");
    started.add("embedded PostgreSQL on port " + postgres.getPort() + " (data in " + dir + ")");
  }

  private void startSandbox(Path dir, int basePort, List<String> partners) {
    sandbox = startSandboxOn(dir, basePort);
    for (String partner : partners) {
      Map<String, String> partnerProperties =
          switch (partner) {
            case "meta" -> sandbox.meta().gatewayProperties();
            case "tiktok" -> sandbox.tiktok().gatewayProperties();
            default -> sandbox.google().gatewayProperties();
          };
      properties.putAll(partnerProperties);
      started.add(partner + " partner sandbox at " + partnerProperties.get(partnerKey(partner)));
    }
  }

  /**
   * Fixed ports keep the README's sandbox commands true; when one is taken (a second local run),
   * any free ports will do, and the log names them.
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
    started.add("development token issuer (keys in " + dir + ")");
  }

  /**
   * Points the sandbox's callbacks at the started gateway, and logs what runs locally instead of
   * the real thing, so nobody mistakes a dev run for production.
   */
  public void attach(ApplicationContext context) {
    if (started.isEmpty()) {
      return;
    }
    Optional<EmbeddedServer> server = context.findBean(EmbeddedServer.class);
    if (sandbox != null) {
      server.ifPresent(s -> sandbox.deliverCallbacksTo(s.getURI()));
    }
    String url = server.map(s -> s.getURL().toString()).orElse("(no server)");
    LOG.warn(
        "Local run at {}: started {}. Configure the corresponding properties to use real services.",
        url,
        String.join("; ", started));
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
