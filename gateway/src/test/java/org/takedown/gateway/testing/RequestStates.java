package org.takedown.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;

/**
 * Requests brought to a given state the way they get there in production: submitted through the
 * API, moved on by the partner sandbox (a refusal, a review, a decision), cancelled by an officer
 * through the API. For a gateway under test whose dispatch and polling run ({@link
 * TestGateway#properties} with short polling intervals).
 */
public final class RequestStates {

  /** The states a test can ask for; PENDING needs a gateway whose dispatch is off. */
  public enum State {
    PENDING,
    SUBMITTED,
    IN_REVIEW,
    FAILED,
    COMPLETED_REMOVED,
    COMPLETED_PRESERVED,
    CANCELLED
  }

  private final Requests requests;
  private final PartnerSandbox sandbox = TestGateway.sandbox();

  public RequestStates(Requests requests) {
    this.requests = requests;
  }

  /** A new request in {@code state}; its id. */
  public String in(State state) {
    return switch (state) {
      case PENDING -> submit(Platform.META, "TAKEDOWN");
      case SUBMITTED -> submitted(Platform.META, "TAKEDOWN");
      case IN_REVIEW -> inReview();
      case FAILED -> failed();
      case COMPLETED_REMOVED -> removed();
      case COMPLETED_PRESERVED -> preserved();
      case CANCELLED -> cancelled();
    };
  }

  /** A request the gateway accepted; not yet delivered if its dispatch is off. */
  public String submit(Platform platform, String action) {
    return (String) requests.submit(Cases.oneItem(platform, action)).get(0).get("id");
  }

  public String submitted(Platform platform, String action) {
    String id = submit(platform, action);
    requests.awaitStatus(id, "SUBMITTED");
    return id;
  }

  /**
   * A Meta takedown that Meta refused for good (a 400 "Invalid parameter"). The refusal is aimed at
   * this request's content: a request an earlier step left in flight (a retry) cannot take it.
   */
  public String failed() {
    String url = Refusals.metaRefuses();
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(url, "TAKEDOWN")));
    String id = (String) requests.submit(body).get(0).get("id");
    requests.awaitStatus(id, "FAILED");
    return id;
  }

  public String inReview() {
    String id = submitted(Platform.META, "TAKEDOWN");
    sandbox.meta().review(id);
    requests.awaitStatus(id, "IN_REVIEW");
    return id;
  }

  public String removed() {
    String id = submitted(Platform.META, "TAKEDOWN");
    sandbox.meta().complete(id, "REMOVED");
    Map<String, Object> done = requests.awaitStatus(id, "COMPLETED");
    assertEquals("REMOVED", done.get("outcome"));
    return id;
  }

  /** A TikTok preservation that TikTok confirmed: 90 days. */
  public String preserved() {
    String id = submitted(Platform.TIKTOK, "PRESERVATION");
    sandbox.tiktok().preserve(id);
    Map<String, Object> done = requests.awaitStatus(id, "COMPLETED");
    assertEquals("PRESERVED", done.get("outcome"));
    return id;
  }

  /**
   * The last line of the request's history with source {@code officer}: a partner's late callback
   * (an IN_REVIEW that arrives after a cancellation) may come after it.
   */
  public Map<String, Object> lastOfficerLine(String id) {
    List<Map<String, Object>> lines =
        requests.history(id).stream().filter(h -> "officer".equals(h.get("source"))).toList();
    assertFalse(lines.isEmpty(), "no officer line in the history of " + id);
    return lines.get(lines.size() - 1);
  }

  public String cancelled() {
    String id = submitted(Platform.META, "TAKEDOWN");
    Api.Answer cancelled = requests.act(id, "cancel");
    assertEquals(200, cancelled.status(), cancelled.body());
    return id;
  }
}
