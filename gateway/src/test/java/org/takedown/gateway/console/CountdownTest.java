package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a countdown reads, and when it turns red. console.js writes the same text. */
class CountdownTest {

  private static final Instant NOW = Instant.parse("2024-06-20T10:00:00Z");
  private static final Texts FRENCH = Texts.of(Language.FR);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0       | 0 s
          59      | 59 s
          60      | 1 min 00 s
          605     | 10 min 05 s
          3599    | 59 min 59 s
          3600    | 1 h 00 min
          86399   | 23 h 59 min
          86400   | 1 j 00 h
          7776000 | 90 j 00 h
          """)
  void writesTheTwoLargestUnits(long seconds, String text) {
    assertEquals(text, Countdown.span(seconds, "j"));
  }

  @Test
  void turnsRedUnderAQuarterOfAnHour() {
    Countdown quarter =
        Countdown.of(NOW.plus(Duration.ofMinutes(15)), NOW, Countdown.DEADLINE_URGENT, FRENCH);
    assertFalse(quarter.urgent());
    assertEquals("countdown", quarter.cssClass());
    assertEquals("dans 15 min 00 s", quarter.text());

    Countdown under =
        Countdown.of(
            NOW.plus(Duration.ofMinutes(15)).minusSeconds(1),
            NOW,
            Countdown.DEADLINE_URGENT,
            FRENCH);
    assertTrue(under.urgent());
    assertEquals("urgent", under.state());
    assertEquals("countdown countdown--urgent", under.cssClass());
    assertEquals("dans 14 min 59 s", under.text());
  }

  @Test
  void saysHowLateAnOverdueDeadlineIs() {
    Countdown late =
        Countdown.of(NOW.minus(Duration.ofMinutes(61)), NOW, Countdown.DEADLINE_URGENT, FRENCH);

    assertTrue(late.overdue());
    assertFalse(late.urgent());
    assertEquals("countdown countdown--overdue", late.cssClass());
    assertEquals("en retard de 1 h 01 min", late.text());
    assertEquals(
        "2 h 00 min overdue",
        Countdown.of(
                NOW.minus(Duration.ofHours(2)),
                NOW,
                Countdown.DEADLINE_URGENT,
                Texts.of(Language.EN))
            .text());
  }

  @Test
  void aDeadlineThatIsNowIsNotYetOverdue() {
    Countdown now = Countdown.of(NOW, NOW, Countdown.DEADLINE_URGENT, FRENCH);

    assertFalse(now.overdue());
    assertTrue(now.urgent());
    assertEquals("dans 0 s", now.text());
  }
}
