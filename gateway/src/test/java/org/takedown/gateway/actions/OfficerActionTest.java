package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/** Which state allows which officer action: every state and outcome, against GATEWAY-API.md. */
class OfficerActionTest {

  @Test
  void retryTakesAFailedRequestCancelAnOpenOneExtendAConfirmedPreservation() {
    List<Outcome> outcomes = new ArrayList<>(List.of(Outcome.values()));
    outcomes.add(null);
    for (RequestState status : RequestState.values()) {
      for (Outcome outcome : outcomes) {
        List<OfficerAction> expected = new ArrayList<>();
        if (status == RequestState.FAILED) {
          expected.add(OfficerAction.RETRY);
        }
        if (status == RequestState.PENDING
            || status == RequestState.SUBMITTED
            || status == RequestState.IN_REVIEW) {
          expected.add(OfficerAction.CANCEL);
        }
        if (status == RequestState.COMPLETED && outcome == Outcome.PRESERVED) {
          expected.add(OfficerAction.EXTEND_PRESERVATION);
        }
        assertEquals(expected, OfficerAction.allowing(status, outcome), status + " / " + outcome);
      }
    }
  }

  @Test
  void isNamedAsTheApiPathsName() {
    assertEquals(Optional.of(OfficerAction.RETRY), OfficerAction.ofWireName("retry"));
    assertEquals(Optional.of(OfficerAction.CANCEL), OfficerAction.ofWireName("cancel"));
    assertEquals(
        Optional.of(OfficerAction.EXTEND_PRESERVATION),
        OfficerAction.ofWireName("extend-preservation"));
    assertEquals(Optional.empty(), OfficerAction.ofWireName("RETRY"));
    assertEquals(Optional.empty(), OfficerAction.ofWireName(null));
  }
}
