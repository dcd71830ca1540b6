package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.PartnerSimulator;

/**
 * Two gateway instances on one database share the queue: every request reaches its partner once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceDispatchIT {

  private static final int CASES = 100;
  private static final int ITEMS_PER_CASE = 5;

  final List<ApplicationContext> instances = new ArrayList<>();
  final PartnerSandbox sandbox = TestGateway.sandbox();

  @BeforeAll
  void startTwoInstances() {
    String database = TestDatabase.freshDatabaseUrl();
    for (int i = 0; i < 2; i++) {
      Map<String, Object> properties = new HashMap<>(TestGateway.propertiesOn(database));
      instances.add(
          ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext());
    }
  }

  @AfterAll
  void stop() {
    instances.forEach(ApplicationContext::close);
  }

  @Test
  void deliversEachOf500RequestsExactlyOnce() {
    ApplicationContext first = instances.get(0);
    Api api =
        new Api(first.getBean(EmbeddedServer.class).getURL(), first.getBean(JsonMapper.class));
    String submitter = TestTokens.get().submitter("e-blagh-triage");
    Map<String, Platform> requests = new HashMap<>();
    for (int c = 0; c < CASES; c++) {
      Api.Answer created =
          api.post(
              "/api/v1/cases",
              submitter,
              api.toJson(Cases.spread("EIB-MULTI-" + c, ITEMS_PER_CASE)));
      assertEquals(201, created.status(), created.body());
      for (Map<String, Object> request : created.list("requests")) {
        requests.put(
            (String) request.get("id"), Platform.valueOf((String) request.get("platform")));
      }
    }
    assertEquals(CASES * ITEMS_PER_CASE, requests.size());

    Api secondInstance =
        new Api(
            instances.get(1).getBean(EmbeddedServer.class).getURL(),
            instances.get(1).getBean(JsonMapper.class));
    String officer = TestTokens.get().officer("officer-1");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                secondInstance
                    .get("/api/v1/requests?status=PENDING&limit=1", officer)
                    .list("items")
                    .isEmpty());

    Map<String, Integer> callsPerReference = new HashMap<>();
    requests.forEach(
        (id, platform) -> callsPerReference.put(id, simulatorOf(platform).createCallsFor(id)));
    assertEquals(
        Map.of(),
        callsPerReference.entrySet().stream()
            .filter(e -> e.getValue() != 1)
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
        "references not received exactly once");
    assertEquals(
        0,
        secondInstance.get("/api/v1/requests?status=FAILED&limit=1", officer).list("items").size());
  }

  private PartnerSimulator simulatorOf(Platform platform) {
    return switch (platform) {
      case META -> sandbox.meta();
      case TIKTOK -> sandbox.tiktok();
      case GOOGLE -> sandbox.google();
    };
  }
}
