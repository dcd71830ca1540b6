package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.tiktok.FakeTikTok.json;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.takedown.platform.Category;
import org.takedown.platform.SubmitOutcome;

class TikTokConfigurationTest {

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void staysOutOfTheContextWhenNoBaseUrlIsSet() {
    try (ApplicationContext context = ApplicationContext.run()) {
      assertFalse(context.containsBean(TikTokAdapter.class));
      assertFalse(context.containsBean(TikTokCallbacks.class));
      assertFalse(context.containsBean(TikTokProperties.class));
    }
  }

  @Test
  void appliesTheDocumentedDefaults() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "gateway.partners.tiktok.base-url", "https://open.tiktokapis.com",
                "gateway.partners.tiktok.client-key", "key",
                "gateway.partners.tiktok.client-secret", "secret"))) {
      TikTokProperties properties = context.getBean(TikTokProperties.class);

      assertEquals(Duration.ofSeconds(5), properties.connectTimeout());
      assertEquals(Duration.ofSeconds(10), properties.readTimeout());
      assertEquals(Duration.ofMinutes(5), properties.tokenRefreshMargin());
    }
  }

  /** A token grant and the call, then both again after a refused token: four exchanges. */
  @Test
  void tellsTheGatewayItsLongestCallFromItsOwnTimeouts() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "gateway.partners.tiktok.base-url", "https://open.tiktokapis.com",
                "gateway.partners.tiktok.client-key", "key",
                "gateway.partners.tiktok.client-secret", "secret",
                "gateway.partners.tiktok.connect-timeout", "2s",
                "gateway.partners.tiktok.read-timeout", "3s"))) {
      assertEquals(Duration.ofSeconds(20), context.getBean(TikTokAdapter.class).longestCall());
    }
  }

  @Test
  void refusesToStartTikTokWithoutClientKey() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "gateway.partners.tiktok.base-url", "https://open.tiktokapis.com",
                "gateway.partners.tiktok.client-secret", "secret"))) {
      RuntimeException failure =
          assertThrows(RuntimeException.class, () -> context.getBean(TikTokAdapter.class));
      assertTrue(
          stackMessages(failure).contains("gateway.partners.tiktok.client-key"),
          stackMessages(failure));
    }
  }

  @Test
  void refusesToStartTikTokWithBlankClientSecret() {
    tiktok.with("client-secret", " ");

    RuntimeException failure = assertThrows(RuntimeException.class, tiktok::adapter);
    assertTrue(
        stackMessages(failure).contains("gateway.partners.tiktok.client-secret is not set"),
        stackMessages(failure));
  }

  @Test
  void neverPrintsTheClientSecret() {
    TikTokProperties properties = tiktok.context().getBean(TikTokProperties.class);

    assertFalse(properties.toString().contains(FakeTikTok.CLIENT_SECRET), properties.toString());
  }

  @Test
  void keepsThePathOfTheBaseUrl() {
    tiktok.with("base-url", tiktok.wm.baseUrl() + "/sandbox/tiktok");
    tiktok.wm.stubFor(
        post(urlEqualTo("/sandbox/tiktok/v2/oauth/token/")).willReturn(json(200, "token.json")));
    tiktok.wm.stubFor(
        post(urlEqualTo("/sandbox/tiktok/v2/legal/requests/"))
            .willReturn(json(200, "created.json")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.OTHER));

    assertInstanceOf(SubmitOutcome.Accepted.class, outcome);
    tiktok.wm.verify(exactly(1), postRequestedFor(urlEqualTo("/sandbox/tiktok/v2/oauth/token/")));
  }

  @Test
  void closesItsHttpClientWithTheContext() {
    ApplicationContext context = tiktok.context();
    HttpClient client = context.getBean(HttpClient.class, Qualifiers.byName("tiktok"));
    assertTrue(client.isRunning());

    context.close();

    assertFalse(client.isRunning());
  }

  private static String stackMessages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
