package org.takedown.adapters.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/** Checks for the "answer unknown" outcome of a call that got no answer. */
final class NoAnswerAssertions {

  private NoAnswerAssertions() {}

  static void assertNoAnswer(SubmitOutcome outcome) {
    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(retry.reason().startsWith("no answer from Google ("), retry.reason());
  }

  static void assertNoAnswer(StatusOutcome outcome) {
    PartnerFailure.UnknownOutcome retry =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(retry.reason().startsWith("no answer from Google ("), retry.reason());
  }
}
