package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.takedown.testing.MutableClock;

/**
 * A WireMock server standing in for TikTok, and a fresh Micronaut context per test whose TikTok
 * adapter points at it. The context sees {@link #clock} as its Clock bean. Fails a test that sent
 * TikTok a request no stub expected.
 */
final class FakeTikTok implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  static final String CLIENT_KEY = "test-client-key";
  static final String CLIENT_SECRET = "test-client-secret";
  static final String FIRST_TOKEN = "clt.first-test-token";
  static final String SECOND_TOKEN = "clt.second-test-token";
  static final String TOKEN_PATH = "/v2/oauth/token/";
  static final String CREATE_PATH = "/v2/legal/requests/";
  static final String QUERY_PATH = "/v2/legal/requests/query/";
  static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

  final WireMockServer wm = new WireMockServer(options().dynamicPort());
  MutableClock clock;
  private final Map<String, Object> properties = new HashMap<>();
  private ApplicationContext context;

  @Override
  public void beforeEach(ExtensionContext extension) {
    if (!wm.isRunning()) {
      wm.start();
    }
    wm.resetAll();
    clock = new MutableClock(START);
    properties.clear();
    properties.put(TikTokProperties.PREFIX + ".base-url", wm.baseUrl());
    properties.put(TikTokProperties.PREFIX + ".client-key", CLIENT_KEY);
    properties.put(TikTokProperties.PREFIX + ".client-secret", CLIENT_SECRET);
    context = null;
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    if (context != null) {
      context.close();
    }
    List<LoggedRequest> unmatched = wm.findAllUnmatchedRequests();
    assertEquals(List.of(), unmatched, "requests TikTok's stubs did not expect");
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    wm.stop();
  }

  /** Sets one {@code gateway.partners.tiktok.*} key; call before {@link #adapter()}. */
  FakeTikTok with(String key, Object value) {
    if (context != null) {
      throw new IllegalStateException("the context is already running");
    }
    properties.put(TikTokProperties.PREFIX + "." + key, value);
    return this;
  }

  ApplicationContext context() {
    if (context == null) {
      context = ApplicationContext.builder().properties(properties).singletons(clock).start();
    }
    return context;
  }

  TikTokAdapter adapter() {
    return context().getBean(TikTokAdapter.class);
  }

  /** TikTok issues {@link #FIRST_TOKEN}, valid for 7200 s, to every token request. */
  void issuesTokens() {
    wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(200, "token.json")));
  }

  void answersCreate(ResponseDefinitionBuilder answer) {
    wm.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(answer));
  }

  void answersQuery(ResponseDefinitionBuilder answer) {
    wm.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(answer));
  }

  void verifyTokenRequests(int count) {
    wm.verify(exactly(count), postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  void verifyCreateRequests(int count) {
    wm.verify(exactly(count), postRequestedFor(urlEqualTo(CREATE_PATH)));
  }

  void verifyQueryRequests(int count) {
    wm.verify(exactly(count), postRequestedFor(urlEqualTo(QUERY_PATH)));
  }

  /** A JSON answer whose body is the stub file {@code __files/tiktok/<file>}. */
  static ResponseDefinitionBuilder json(int status, String file) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBodyFile("tiktok/" + file);
  }

  /** A JSON answer with an inline body. */
  static ResponseDefinitionBuilder jsonBody(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** TikTok's error envelope with {@code code}. */
  static String errorEnvelope(String code) {
    return """
        {"data": {}, "error": {"code": "%s", "message": "", "log_id": "20261102090000TEST00001"}}
        """
        .formatted(code);
  }
}
