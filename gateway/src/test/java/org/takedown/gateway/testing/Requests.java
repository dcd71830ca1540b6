package org.takedown.gateway.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.takedown.platform.Platform;

/** Reads and waits on requests through the API, as an officer. */
public final class Requests {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Api api;
  private final String officer = TestTokens.get().officer("officer-1");

  public Requests(Api api) {
    this.api = api;
  }

  public Map<String, Object> get(Object id) {
    Api.Answer answer = api.get("/api/v1/requests/" + id, officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  /**
   * Waits until the request is in {@code status}; on timeout the failure shows the request as it
   * last was (its status, attempts, last error and history), not only that time ran out.
   */
  public Map<String, Object> awaitStatus(Object id, String status) {
    AtomicReference<Map<String, Object>> last = new AtomicReference<>();
    try {
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                last.set(get(id));
                return status.equals(last.get().get("status"));
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "request " + id + " not " + status + " within " + PATIENCE + "; last read: " + last.get(),
          e);
    }
    return get(id);
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> history(Object id) {
    return (List<Map<String, Object>>) get(id).get("history");
  }

  /** Submits a case and returns its requests. */
  public List<Map<String, Object>> submit(Map<String, Object> body) {
    Api.Answer answer =
        api.post("/api/v1/cases", TestTokens.get().submitter("e-blagh-triage"), api.toJson(body));
    assertEquals(201, answer.status(), answer.body());
    return answer.list("requests");
  }

  /** Submits a case of one item to be taken down by {@code platform}; returns its request's id. */
  public UUID submitTakedown(Platform platform) {
    return UUID.fromString((String) submit(Cases.oneItem(platform, "TAKEDOWN")).get(0).get("id"));
  }

  public Api.Answer act(Object id, String action) {
    return api.post("/api/v1/requests/" + id + "/" + action, officer, "");
  }
}
