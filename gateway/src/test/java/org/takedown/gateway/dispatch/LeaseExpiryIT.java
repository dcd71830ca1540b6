package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.testing.MutableClock;

/**
 * A dispatcher that claimed requests and died: its leases protect the requests until they expire,
 * then another dispatcher sends them, and the dead one's late answer changes nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseExpiryIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DispatchDueRequests dispatch;
  @Inject DispatchProperties properties;
  @Inject MutableClock clock;
  @Inject List<PlatformAdapter> adapters;

  @Override
  public Map<String, String> getProperties() {
    // no lanes run: the test plays both dispatchers itself
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "test.mutable-clock", "true");
  }

  @Test
  void dispatchesAgainAfterTheLeaseOfACrashedDispatcherExpires() {
    Api api = new Api(server.getURL(), json);
    Api.Answer created =
        api.post("/api/v1/cases", TestTokens.get().submitter("triage"), api.toJson(Cases.sample()));
    assertEquals(201, created.status(), created.body());
    Set<UUID> tiktokRequests =
        created.list("requests").stream()
            .filter(r -> r.get("platform").equals("TIKTOK"))
            .map(r -> UUID.fromString((String) r.get("id")))
            .collect(Collectors.toSet());
    PlatformAdapter tiktok =
        adapters.stream().filter(a -> a.platform() == Platform.TIKTOK).findFirst().orElseThrow();

    List<ClaimedRequest> crashed = dispatch.claim(Platform.TIKTOK, 10, "gateway-a");
    assertEquals(tiktokRequests, ids(crashed));
    assertTrue(
        dispatch.claim(Platform.TIKTOK, 10, "gateway-a").isEmpty(),
        "a live lease protects the requests");

    clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    List<ClaimedRequest> reclaimed = dispatch.claim(Platform.TIKTOK, 10, "gateway-a");
    assertEquals(tiktokRequests, ids(reclaimed));
    for (ClaimedRequest claim : reclaimed) {
      assertEquals(DispatchDueRequests.Delivery.SUBMITTED, deliver(claim, tiktok));
    }

    ClaimedRequest late = crashed.get(0);
    assertEquals(DispatchDueRequests.Delivery.LEASE_LOST, deliver(late, tiktok));
    String officer = TestTokens.get().officer("officer-1");
    Map<String, Object> request = api.get("/api/v1/requests/" + late.id(), officer).json();
    assertEquals("SUBMITTED", request.get("status"));
    assertEquals(1, request.get("attempts"), "the late answer recorded nothing");
    String reference = late.id().toString();
    assertEquals(2, TestGateway.sandbox().tiktok().createCallsFor(reference), "both sent it");
    assertEquals(
        TestGateway.sandbox().tiktok().request(reference).orElseThrow().id(),
        request.get("partnerRef"),
        "the partner deduplicated the second send into the one request it holds");
  }

  @Test
  void aRestartedInstanceTakesBackItsOwnLeasesAtOnceAndNoOtherInstances() {
    Api api = new Api(server.getURL(), json);
    String submitter = TestTokens.get().submitter("triage");
    Map<String, Object> metaOnly = Cases.sample();
    metaOnly.put("items", List.of(Cases.item(Cases.INSTAGRAM_URL, "TAKEDOWN")));
    Map<String, Object> googleOnly = Cases.sample();
    googleOnly.put("items", List.of(Cases.item(Cases.YOUTUBE_URL, "TAKEDOWN")));
    assertEquals(201, api.post("/api/v1/cases", submitter, api.toJson(metaOnly)).status());
    assertEquals(201, api.post("/api/v1/cases", submitter, api.toJson(googleOnly)).status());

    List<ClaimedRequest> killed = dispatch.claim(Platform.META, 10, "gateway-killed");
    List<ClaimedRequest> alive = dispatch.claim(Platform.GOOGLE, 10, "gateway-alive");
    assertEquals(1, killed.size());
    assertEquals(1, alive.size());

    assertEquals(1, dispatch.releaseLeasesOf("gateway-killed"));
    assertEquals(
        ids(killed),
        ids(dispatch.claim(Platform.META, 10, "gateway-killed")),
        "claimable again without waiting for the lease to expire");
    assertTrue(
        dispatch.claim(Platform.GOOGLE, 10, "gateway-killed").isEmpty(),
        "another live instance's lease is untouched");
  }

  private DispatchDueRequests.Delivery deliver(ClaimedRequest claim, PlatformAdapter adapter) {
    return dispatch.record(claim, adapter.platform(), adapter.submit(claim.command()));
  }

  private static Set<UUID> ids(List<ClaimedRequest> claims) {
    return claims.stream().map(ClaimedRequest::id).collect(Collectors.toSet());
  }
}
