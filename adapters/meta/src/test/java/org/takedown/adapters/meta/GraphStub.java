package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;

/** A WireMock Graph API, and a Micronaut context whose Meta adapter points at it. */
final class GraphStub implements AutoCloseable {

  static final String AGENCY_ID = "998877665544";
  static final String ACCESS_TOKEN = "EAAGtest-system-user-token";
  static final String APP_SECRET = "test-app-secret";
  static final String VERIFY_TOKEN = "test-verify-token";
  static final String LEGAL_REQUESTS_PATH = "/v21.0/" + AGENCY_ID + "/legal_requests";
  static final String REQUESTER_EMAIL = "officer@police.example";

  final WireMockServer wm;
  final ApplicationContext ctx;

  private GraphStub(Map<String, Object> extra) {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    Map<String, Object> properties = new HashMap<>();
    properties.put("gateway.partners.meta.base-url", wm.baseUrl());
    properties.put("gateway.partners.meta.agency-id", AGENCY_ID);
    properties.put("gateway.partners.meta.access-token", ACCESS_TOKEN);
    properties.put("gateway.partners.meta.app-secret", APP_SECRET);
    properties.put("gateway.partners.meta.verify-token", VERIFY_TOKEN);
    properties.putAll(extra);
    ctx = ApplicationContext.run(properties);
  }

  static GraphStub start() {
    return new GraphStub(Map.of());
  }

  static GraphStub start(Map<String, Object> extra) {
    return new GraphStub(extra);
  }

  MetaAdapter adapter() {
    return ctx.getBean(MetaAdapter.class);
  }

  /** Fails the test when the adapter sent something no stub expected. */
  void assertNoUnmatchedRequests() {
    assertEquals(List.of(), wm.findAllUnmatchedRequests(), "requests no stub matched");
  }

  void reset() {
    wm.resetAll();
  }

  @Override
  public void close() {
    ctx.close();
    wm.stop();
  }

  static SubmitCommand takedown(Category category) {
    return command(UUID.randomUUID(), Action.TAKEDOWN, category);
  }

  static SubmitCommand command(UUID requestId, Action action, Category category) {
    return new SubmitCommand(
        requestId,
        action,
        "https://facebook.com/story.php?story_fbid=1234567890&id=42",
        category,
        "Loi 103-13 art. 447-1 (authorisation PR-RABAT-2024-551)",
        "EIB-2024-000123",
        false,
        true,
        new Requester("Officer Test", REQUESTER_EMAIL, "BNPJ / Brigade technique"));
  }
}
