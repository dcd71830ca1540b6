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
        local.startSandbox(dataDir.resolve("sandbox"), unconfigured);
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

  private void startSandbox(Path dir, List<String> partners) {
    sandbox = PartnerSandbox.start(SandboxOptions.builder().directory(dir).build());
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

  private void trustDevelopmentTokens(Path dir) {
    DevSigningKey key = DevSigningKey.loadOrCreate(dir);
    properties.put("gateway.auth.jwks-uri", key.jwksFile().toUri().toString());
    properties.put("gateway.auth.issuer", DevSigningKey.ISSUER);
    started.add("development token issuer (keys in " + dir + ")");
  }

  /**
   * Logs what runs locally instead of the real thing, so nobody mistakes a dev run for production.
   */
  public void announce(ApplicationContext context) {
    if (started.isEmpty()) {
      return;
    }
    String url =
        context
            .findBean(EmbeddedServer.class)
            .map(s -> s.getURL().toString())
            .orElse("(no server)");
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
