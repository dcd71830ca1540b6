package org.takedown.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The words stored for each state are those already in the database, and read back as written. */
class StateColumnTest {

  @ParameterizedTest
  @EnumSource(RequestState.class)
  void everyStateReadsBackAsStored(RequestState state) {
    assertEquals(state, StateColumn.state(StateColumn.text(state)));
  }

  @Test
  void storesTheWordsTheDatabaseAlreadyHolds() {
    Map<RequestState, String> stored =
        Map.of(
            RequestState.PENDING, "PENDING",
            RequestState.SUBMITTED, "SUBMITTED",
            RequestState.IN_REVIEW, "IN_REVIEW",
            RequestState.COMPLETED, "COMPLETED",
            RequestState.FAILED, "FAILED",
            RequestState.CANCELLED, "CANCELLED",
            RequestState.EXPIRED, "EXPIRED");
    assertEquals(RequestState.values().length, stored.size());
    stored.forEach((state, text) -> assertEquals(text, StateColumn.text(state)));
    assertEquals("'IN_REVIEW'", StateColumn.literal(RequestState.IN_REVIEW));
  }

  @Test
  void aWordThisBuildDoesNotKnowIsNoState() {
    for (String text : List.of("ARCHIVED", "pending", "")) {
      assertTrue(StateColumn.find(text).isEmpty(), text);
      assertThrows(IllegalStateException.class, () -> StateColumn.state(text));
    }
    assertTrue(StateColumn.find(null).isEmpty());
  }
}
