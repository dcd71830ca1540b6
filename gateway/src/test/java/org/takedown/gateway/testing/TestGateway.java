package org.takedown.gateway.testing;

import java.util.HashMap;
import java.util.Map;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.PartnerSimulator;

/**
 * The configuration of a gateway under test: a fresh database on the embedded PostgreSQL, tokens
 * from {@link TestTokens}, the three partners served by one partner sandbox per test JVM, a random
 * port, and short dispatch timings so that tests finish quickly.
 */
public final class TestGateway {

  private static PartnerSandbox sandbox;

  private TestGateway() {}

  public static synchronized PartnerSandbox sandbox() {
    if (sandbox == null) {
      sandbox = PartnerSandbox.start();
      PartnerSandbox started = sandbox;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return sandbox;
  }

  /** The simulator of {@code platform} in {@link #sandbox()}. */
  public static PartnerSimulator simulator(Platform platform) {
    return switch (platform) {
      case META -> sandbox().meta();
      case TIKTOK -> sandbox().tiktok();
      case GOOGLE -> sandbox().google();
    };
  }

  /** Properties for a gateway on a new database; {@code overrides} are key, value pairs. */
  public static Map<String, String> properties(String... overrides) {
    return propertiesOn(TestDatabase.freshDatabaseUrl(), overrides);
  }

  public static Map<String, String> propertiesOn(String databaseUrl, String... overrides) {
    Map<String, String> properties = new HashMap<>();
    properties.put("datasources.default.url", databaseUrl);
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "");
    properties.put("micronaut.server.port", "-1");
    properties.putAll(TestTokens.get().gatewayProperties());
    properties.putAll(sandbox().gatewayProperties());
    // the console with its session secret and no identity provider: sessions are made by the
    // tests (TestConsole); the sign-in itself is tested in gateway/local against a real provider
    properties.putAll(TestConsole.properties());
    properties.put("gateway.custody.signing-key", TestCustodyKey.file().toString());
    properties.put("gateway.dispatch.poll-interval", "50ms");
    properties.put("gateway.dispatch.backoff-base", "50ms");
    properties.put("gateway.dispatch.backoff-max", "200ms");
    for (String partner : new String[] {"meta", "tiktok", "google"}) {
      // tests inject failures by the dozen; only the breaker's own tests want it to open, and
      // they say so. The sandbox has no quota worth waiting for.
      properties.put("gateway.partners." + partner + ".breaker.minimum-calls", "1000");
      properties.put("gateway.partners." + partner + ".breaker.window", "1000");
      properties.put("gateway.partners." + partner + ".rate-limit", "10000");
    }
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      properties.put(overrides[i], overrides[i + 1]);
    }
    return properties;
  }
}
