package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How the CSRF check reads its field from a form-encoded body. */
class CsrfFieldTest {

  @Test
  void readsTheOneFieldWhereverItIs() {
    assertEquals("t-1", ConsoleCsrfFilter.field("csrfToken=t-1"));
    assertEquals("t 1+", ConsoleCsrfFilter.field("reason=x&csrfToken=t+1%2B&ids=a"));
    assertEquals("t", ConsoleCsrfFilter.field("csrf%54oken=t"));
  }

  @Test
  void aMissingRepeatedOrUnreadableFieldIsNone() {
    assertNull(ConsoleCsrfFilter.field(""));
    assertNull(ConsoleCsrfFilter.field("reason=x"));
    assertNull(ConsoleCsrfFilter.field("csrfToken=a&csrfToken=a"));
    assertNull(ConsoleCsrfFilter.field("csrfToken=%zz"));
  }
}
