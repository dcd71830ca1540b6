package org.takedown.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The state machine's fixed facts, as they were on the contract's enum. */
class RequestStateTest {

  @Test
  void openStatesAwaitThePartnerAndTheOthersAreTerminal() {
    assertEquals(
        EnumSet.of(RequestState.PENDING, RequestState.SUBMITTED, RequestState.IN_REVIEW),
        RequestState.OPEN);
    for (RequestState state : RequestState.values()) {
      assertEquals(RequestState.OPEN.contains(state), state.isOpen(), state.name());
      assertEquals(!state.isOpen(), state.isTerminal(), state.name());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = RequestState.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "EXPIRED"})
  void everyTerminalStateRanksAboveEveryOpenOne(RequestState terminal) {
    for (RequestState open : RequestState.OPEN) {
      assertTrue(terminal.rank() > open.rank(), open + " < " + terminal);
    }
  }

  @Test
  void statesRankInTheOrderTheyAreReached() {
    assertEquals(0, RequestState.PENDING.rank());
    assertEquals(1, RequestState.SUBMITTED.rank());
    assertEquals(2, RequestState.IN_REVIEW.rank());
    assertEquals(3, RequestState.COMPLETED.rank());
    assertEquals(3, RequestState.FAILED.rank());
    assertEquals(3, RequestState.CANCELLED.rank());
    assertEquals(4, RequestState.EXPIRED.rank());
  }
}
