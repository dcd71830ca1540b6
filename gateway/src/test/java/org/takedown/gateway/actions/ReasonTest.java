package org.takedown.gateway.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;

/** A reason is one line of plain text, 1 to 500 characters once stripped. */
class ReasonTest {

  @Test
  void keepsTheTextStrippedOfWhiteSpaceAtBothEnds() {
    assertEquals("outage over", new Reason("  outage over \t").text());
    assertEquals("x".repeat(500), new Reason(" " + "x".repeat(500) + " ").text());
    // right-to-left marks and Arabic are text, as in intake
    assertEquals("\u200fطلب مكرر", new Reason("\u200fطلب مكرر").text());
  }

  @Test
  void refusesNoTextTooMuchTextAndControlCharacters() {
    assertEquals(Optional.of(Reason.Defect.MISSING), Reason.defectOf(null));
    assertEquals(Optional.of(Reason.Defect.MISSING), Reason.defectOf(""));
    assertEquals(Optional.of(Reason.Defect.MISSING), Reason.defectOf(" \t "));
    assertEquals(Optional.of(Reason.Defect.TOO_LONG), Reason.defectOf("x".repeat(501)));
    assertEquals(Optional.of(Reason.Defect.NOT_PLAIN), Reason.defectOf("two\nlines"));
    assertEquals(Optional.of(Reason.Defect.NOT_PLAIN), Reason.defectOf("nul\u0000"));
    assertEquals(Optional.of(Reason.Defect.NOT_PLAIN), Reason.defectOf("lone \ud800"));
    assertEquals(Optional.empty(), Reason.defectOf("ok"));
  }

  @Test
  void aBadReasonIsAnInvalidInputNamingTheField() {
    InvalidInput refused = assertThrows(InvalidInput.class, () -> new Reason("x".repeat(501)));
    assertEquals(
        List.of(new Violation("reason", "must be at most 500 characters")), refused.violations());
  }

  @Test
  void neverPrintsItsText() {
    assertFalse(new Reason("Jane Doe's account").toString().contains("Jane"));
  }
}
