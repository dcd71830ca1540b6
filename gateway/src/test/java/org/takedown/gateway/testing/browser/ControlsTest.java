package org.takedown.gateway.testing.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ControlsTest {

  @Test
  void aLabelIsQuotedWhateverQuotesItHolds() {
    assertEquals("'Case reference'", Controls.literal("Case reference"));
    assertEquals("\"Officer's note\"", Controls.literal("Officer's note"));
    assertEquals(
        "concat('Officer', \"'\", 's \"urgent\" note')",
        Controls.literal("Officer's \"urgent\" note"));
  }

  @Test
  void aLabelIsComparedAsThePageShowsIt() {
    assertEquals("'Case reference'", Controls.literal("  Case\n   reference "));
  }

  @Test
  void aLocatorSaysWhatItLooksFor() {
    assertEquals("field labelled 'Case reference'", Controls.field("Case reference").toString());
    assertEquals("button 'Retry'", Controls.button("Retry").toString());
  }
}
