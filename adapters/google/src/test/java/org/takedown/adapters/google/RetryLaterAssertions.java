package org.takedown.adapters.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/** Checks for the "answer unknown" outcome of a call that got no answer. */
final class RetryLaterAssertions {

  private RetryLaterAssertions() {}

  static void assertNoAnswer(SubmitOutcome outcome) {
    SubmitOutcome.RetryLater retry = assertInstanceOf(SubmitOutcome.RetryLater.class, outcome);
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(retry.reason().startsWith("no answer from Google ("), retry.reason());
  }

  static void assertNoAnswer(StatusOutcome outcome) {
    StatusOutcome.RetryLater retry = assertInstanceOf(StatusOutcome.RetryLater.class, outcome);
    assertEquals(Optional.empty(), retry.hint());
    assertTrue(retry.reason().startsWith("no answer from Google ("), retry.reason());
  }
}
