package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * A lane claims from where its last claim ended (ClaimCursor), yet no due request is left behind
 * the cursor: one with an earlier deadline that arrives meanwhile is claimed as soon as nothing
 * more is due beyond the cursor, and within {@link ClaimCursor#REWIND_AFTER} while a backlog lasts.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimCursorIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DispatchDueRequests dispatch;
  @Inject MutableClock clock;

  private Requests requests;

  @Override
  public Map<String, String> getProperties() {
    // no lanes run: the test claims itself, and moves the gateway's clock itself
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "test.mutable-clock", "true");
  }

  @Test
  void aClaimThatRunsOutBeyondTheCursorTakesTheRestFromTheHead() {
    ClaimCursor cursor = new ClaimCursor(clock);
    Set<UUID> routine = submit(Platform.META, "ROUTINE", 3);
    Set<UUID> first = claimWhenDue(Platform.META, 2, cursor);
    assertEquals(2, first.size());
    assertTrue(routine.containsAll(first));

    Set<UUID> emergency = submit(Platform.META, "EMERGENCY", 1); // due before the routine ones

    Set<UUID> second = ids(dispatch.claim(Platform.META, 2, "cursor-test", cursor));
    Set<UUID> expected = new HashSet<>(routine);
    expected.removeAll(first);
    expected.addAll(emergency);
    assertEquals(
        expected, second, "the last routine request, then the emergency behind the cursor");
  }

  @Test
  void whileClaimsStayFullTheCursorStillReturnsToTheHeadAfterRewindAfter() {
    ClaimCursor cursor = new ClaimCursor(clock);
    Set<UUID> routine = submit(Platform.TIKTOK, "ROUTINE", 3);
    Set<UUID> taken = new HashSet<>(claimWhenDue(Platform.TIKTOK, 1, cursor));
    Set<UUID> emergency = submit(Platform.TIKTOK, "EMERGENCY", 1);

    taken.addAll(ids(dispatch.claim(Platform.TIKTOK, 1, "cursor-test", cursor)));
    assertEquals(2, taken.size());
    assertTrue(routine.containsAll(taken), "the cursor goes on through the backlog first");

    clock.advance(ClaimCursor.REWIND_AFTER.minusNanos(1));
    assertEquals(
        1, dispatch.claim(Platform.TIKTOK, 1, "cursor-test", cursor).size(), "still the backlog");
    clock.advance(Duration.ofNanos(1));
    assertEquals(emergency, ids(dispatch.claim(Platform.TIKTOK, 1, "cursor-test", cursor)));
  }

  private Set<UUID> submit(Platform platform, String priority, int items) {
    if (requests == null) {
      requests = new Requests(new Api(server.getURL(), json));
    }
    Map<String, Object> body = Cases.sample();
    body.put("priority", priority);
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      list.add(Cases.item(Cases.freshUrl(platform), "TAKEDOWN"));
    }
    body.put("items", list);
    return requests.submit(body).stream()
        .map(r -> UUID.fromString((String) r.get("id")))
        .collect(Collectors.toSet());
  }

  /**
   * The first claim of a test: the requests it submitted are due from the moment they were stored.
   */
  private Set<UUID> claimWhenDue(Platform platform, int max, ClaimCursor cursor) {
    Set<UUID> claimed = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              claimed.addAll(
                  ids(dispatch.claim(platform, max - claimed.size(), "cursor-test", cursor)));
              return claimed.size() == max;
            });
    return claimed;
  }

  private static Set<UUID> ids(List<ClaimedRequest> claimed) {
    return claimed.stream().map(ClaimedRequest::id).collect(Collectors.toSet());
  }
}
