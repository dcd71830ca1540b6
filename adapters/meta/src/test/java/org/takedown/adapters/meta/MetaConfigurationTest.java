package org.takedown.adapters.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanContextException;
import io.micronaut.http.client.HttpClient;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaConfigurationTest {

  private static final Map<String, Object> REQUIRED =
      Map.of(
          "gateway.partners.meta.base-url", "http://127.0.0.1:9",
          "gateway.partners.meta.agency-id", GraphStub.AGENCY_ID,
          "gateway.partners.meta.access-token", GraphStub.ACCESS_TOKEN);

  @Test
  void appliesTheDocumentedDefaults() {
    try (ApplicationContext ctx = ApplicationContext.run(REQUIRED)) {
      MetaProperties properties = ctx.getBean(MetaProperties.class);

      assertEquals("v21.0", properties.apiVersion());
      assertEquals(Duration.ofSeconds(5), properties.connectTimeout());
      assertEquals(Duration.ofSeconds(10), properties.readTimeout());
    }
  }

  /** A static token: one exchange per call, so the longest call is one connect and one read. */
  @Test
  void tellsTheGatewayItsLongestCallFromItsOwnTimeouts() {
    try (ApplicationContext defaults = ApplicationContext.run(REQUIRED)) {
      assertEquals(Duration.ofSeconds(15), defaults.getBean(MetaAdapter.class).longestCall());
    }
    Map<String, Object> configured = new HashMap<>(REQUIRED);
    configured.put("gateway.partners.meta.connect-timeout", "2s");
    configured.put("gateway.partners.meta.read-timeout", "3s");
    try (ApplicationContext ctx = ApplicationContext.run(configured)) {
      assertEquals(Duration.ofSeconds(5), ctx.getBean(MetaAdapter.class).longestCall());
    }
  }

  @Test
  void neverPrintsCredentials() {
    Map<String, Object> all = new HashMap<>(REQUIRED);
    all.put("gateway.partners.meta.app-secret", GraphStub.APP_SECRET);
    all.put("gateway.partners.meta.verify-token", GraphStub.VERIFY_TOKEN);
    try (ApplicationContext ctx = ApplicationContext.run(all)) {
      String printed = ctx.getBean(MetaProperties.class).toString();

      assertFalse(printed.contains(GraphStub.ACCESS_TOKEN), printed);
      assertFalse(printed.contains(GraphStub.APP_SECRET), printed);
      assertFalse(printed.contains(GraphStub.VERIFY_TOKEN), printed);
      assertTrue(printed.contains(GraphStub.AGENCY_ID), printed);
    }
  }

  @Test
  void staysOutOfTheContextWithoutABaseUrl() {
    try (ApplicationContext ctx =
        ApplicationContext.run(Map.of("gateway.partners.tiktok.base-url", "http://x"))) {
      assertFalse(ctx.containsBean(MetaAdapter.class));
      assertFalse(ctx.containsBean(MetaCallbacks.class));
      assertFalse(ctx.containsBean(HttpClient.class, Qualifiers.byName("meta")));
    }
  }

  @Test
  void refusesToStartWithoutTheAccessToken() {
    Map<String, Object> missing = new HashMap<>(REQUIRED);
    missing.remove("gateway.partners.meta.access-token");
    Map<String, Object> blank = new HashMap<>(REQUIRED);
    blank.put("gateway.partners.meta.access-token", " ");

    assertStartupFailsNaming(missing, "accessToken");
    assertStartupFailsNaming(blank, "gateway.partners.meta.access-token must be set");
  }

  private static void assertStartupFailsNaming(Map<String, Object> properties, String expected) {
    try (ApplicationContext ctx = ApplicationContext.run(properties)) {
      BeanContextException e =
          assertThrows(BeanContextException.class, () -> ctx.getBean(MetaAdapter.class));
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
  }

  @Test
  void closesItsHttpClientWithTheContext() {
    HttpClient client;
    try (ApplicationContext ctx = ApplicationContext.run(REQUIRED)) {
      client = ctx.getBean(HttpClient.class, Qualifiers.byName("meta"));
      assertTrue(client.isRunning());
    }
    assertFalse(client.isRunning());
  }

  @Test
  void talksToTheConfiguredApiVersion() {
    try (GraphStub graph = GraphStub.start(Map.of("gateway.partners.meta.api-version", "v22.0"))) {
      graph.wm.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.post(
                  "/v22.0/" + GraphStub.AGENCY_ID + "/legal_requests")
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\": \"42\"}")));

      assertEquals(
          new org.takedown.platform.SubmitOutcome.Accepted(
              org.takedown.platform.PartnerRef.of("42"), false),
          graph.adapter().submit(GraphStub.takedown(org.takedown.platform.Category.OTHER)));
      graph.assertNoUnmatchedRequests();
    }
  }
}
