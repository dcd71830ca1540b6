package org.takedown.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.contracts.RequestStatus;

/** The gateway's states and the contract's statuses map one to one, each way. */
class RequestStatesTest {

  @ParameterizedTest
  @EnumSource(RequestState.class)
  void everyStateComesBackFromTheContract(RequestState state) {
    assertEquals(state, RequestStates.fromContract(RequestStates.toContract(state)));
  }

  @ParameterizedTest
  @EnumSource(RequestStatus.class)
  void everyStatusOfTheContractComesBackFromTheGateway(RequestStatus status) {
    assertEquals(status, RequestStates.toContract(RequestStates.fromContract(status)));
  }

  /** Clients read the same words as before the gateway had a type of its own. */
  @ParameterizedTest
  @EnumSource(RequestState.class)
  void theContractNamesEachStateAsTheGatewayDoes(RequestState state) {
    assertEquals(state.name(), RequestStates.toContract(state).name());
  }

  @Test
  void noTwoStatesShareAStatus() {
    List<RequestStatus> mapped =
        Arrays.stream(RequestState.values()).map(RequestStates::toContract).toList();
    assertEquals(EnumSet.allOf(RequestStatus.class), EnumSet.copyOf(mapped));
    assertEquals(RequestState.values().length, mapped.size());
  }
}
