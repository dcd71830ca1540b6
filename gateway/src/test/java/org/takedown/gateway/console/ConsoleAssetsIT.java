package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/** The gateway serves htmx and the console's own script and style itself, cached for a year. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAssetsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  ConsoleClient console;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    console = new ConsoleClient(api);
  }

  private List<String> assetsOfAPage() {
    ConsoleClient.Page page =
        console.get("/console", TestTokens.get().officer("officer-1")).assertHtml(200);
    List<String> addresses = new ArrayList<>(page.html().select("script[src]").eachAttr("src"));
    addresses.addAll(page.html().select("link[rel=stylesheet]").eachAttr("href"));
    return addresses;
  }

  @Test
  void servesEveryAssetAPageNamesFromTheGatewayCachedForAYear() {
    List<String> addresses = assetsOfAPage();
    assertEquals(3, addresses.size(), addresses.toString());
    for (String address : addresses) {
      assertTrue(address.startsWith("/console/assets/"), address);
      Api.Answer asset = api.get(address, null);

      assertEquals(200, asset.status(), address);
      assertEquals(AssetsController.FOR_A_YEAR, asset.header("Cache-Control"), address);
      assertTrue(
          asset
              .header("Content-Type")
              .startsWith(address.endsWith(".css") ? "text/css" : "text/javascript"),
          asset.header("Content-Type"));
      assertEquals("nosniff", asset.header("X-Content-Type-Options"));
      assertFalse(asset.body().isBlank());
    }
    String htmx =
        addresses.stream().filter(a -> a.endsWith("/htmx.min.js")).findFirst().orElseThrow();
    assertTrue(api.get(htmx, null).body().contains("htmx"), "htmx itself, from its webjar");
  }

  @Test
  void anOlderDigestGetsTodaysFileNotToBeCached() {
    Api.Answer stale = api.get("/console/assets/0000000000000000/console.js", null);

    assertEquals(200, stale.status());
    assertEquals("no-cache", stale.header("Cache-Control"));
  }

  @Test
  void anUnknownAssetIsNotFound() {
    for (String path :
        List.of(
            "/console/assets/0000000000000000/application.yml",
            "/console/assets/0000000000000000/..%2Fapplication.yml",
            "/console/assets/console.js")) {
      assertEquals(404, api.get(path, null).status(), path);
    }
  }
}
