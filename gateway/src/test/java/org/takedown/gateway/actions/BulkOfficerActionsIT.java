package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * One action on several requests ({@link OfficerActions#actOnEach}), as the console's bulk form
 * takes it: each request on its own, so that one refusal undoes nothing of the others, and one
 * result per request saying what happened to it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkOfficerActionsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject OfficerActions actions;
  Requests requests;
  RequestStates states;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
    states = new RequestStates(requests);
  }

  @Test
  void cancelsEachOpenRequestAndRefusesTheOthersWithoutUndoingAnything() {
    String first = states.submitted(Platform.META, "TAKEDOWN");
    String completed = states.removed();
    String second = states.inReview();
    UUID unknown = UUID.randomUUID();
    List<UUID> ids =
        List.of(
            UUID.fromString(first),
            UUID.fromString(completed),
            unknown,
            UUID.fromString(second),
            UUID.fromString(first));

    List<ActionResult> results =
        actions.actOnEach(OfficerAction.CANCEL, ids, "officer-9", new Reason("duplicates"));

    assertEquals(4, results.size(), "a repeated id is acted on once");
    assertEquals(
        List.of(
            UUID.fromString(first), UUID.fromString(completed), unknown, UUID.fromString(second)),
        results.stream().map(ActionResult::requestId).toList(),
        "in the order given");
    assertEquals(ActionResult.Kind.DONE, results.get(0).kind());
    assertNull(results.get(0).refusal());
    assertEquals(ActionResult.Kind.REFUSED, results.get(1).kind());
    StateConflict conflict = assertInstanceOf(StateConflict.class, results.get(1).refusal());
    assertEquals(RequestState.COMPLETED, conflict.status());
    assertEquals(ActionResult.Kind.REFUSED, results.get(2).kind());
    assertInstanceOf(NotFound.class, results.get(2).refusal());
    assertEquals(ActionResult.Kind.DONE, results.get(3).kind(), "a refusal stops nothing");

    for (String id : List.of(first, second)) {
      assertEquals("CANCELLED", requests.get(id).get("status"));
      Map<String, Object> line = states.lastOfficerLine(id);
      assertEquals("officer-9", line.get("actor"));
      assertEquals("cancelled by an officer; reason: duplicates", line.get("detail"));
    }
    assertEquals("COMPLETED", requests.get(completed).get("status"));
  }

  @Test
  void retriesTheFailedOnesAndExtendsTheConfirmedPreservations() {
    String failed = states.failed();
    String open = states.submitted(Platform.GOOGLE, "TAKEDOWN");
    List<ActionResult> retried =
        actions.actOnEach(
            OfficerAction.RETRY,
            List.of(UUID.fromString(failed), UUID.fromString(open)),
            "officer-9",
            new Reason("outage over"));
    assertEquals(
        List.of(ActionResult.Kind.DONE, ActionResult.Kind.REFUSED),
        retried.stream().map(ActionResult::kind).toList());

    String preserved = states.preserved();
    List<ActionResult> extended =
        actions.actOnEach(
            OfficerAction.EXTEND_PRESERVATION,
            List.of(UUID.fromString(open), UUID.fromString(preserved)),
            "officer-9",
            new Reason("court order"));
    assertEquals(
        List.of(ActionResult.Kind.REFUSED, ActionResult.Kind.DONE),
        extended.stream().map(ActionResult::kind).toList());
    assertEquals(1, TestGateway.sandbox().tiktok().extendCallsFor(preserved));
    assertTrue(
        ((String)
                requests
                    .history(preserved)
                    .get(requests.history(preserved).size() - 1)
                    .get("detail"))
            .endsWith("; reason: court order"));
  }

  @Test
  void takesOneToAHundredRequests() {
    assertThrows(
        InvalidInput.class,
        () -> actions.actOnEach(OfficerAction.CANCEL, List.of(), "officer-9", new Reason("x")));
    List<UUID> many = new ArrayList<>();
    for (int i = 0; i < OfficerActions.MAX_BULK + 1; i++) {
      many.add(UUID.randomUUID());
    }
    assertThrows(
        InvalidInput.class,
        () -> actions.actOnEach(OfficerAction.CANCEL, many, "officer-9", new Reason("x")));
    List<ActionResult> hundred =
        actions.actOnEach(
            OfficerAction.CANCEL,
            many.subList(0, OfficerActions.MAX_BULK),
            "officer-9",
            new Reason("x"));
    assertEquals(
        Collections.nCopies(100, ActionResult.Kind.REFUSED),
        hundred.stream().map(ActionResult::kind).toList());
  }
}
