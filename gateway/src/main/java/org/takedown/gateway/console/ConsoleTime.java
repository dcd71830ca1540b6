package org.takedown.gateway.console;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.takedown.gateway.request.PgTime;

/**
 * The console's dates: shown in {@code gateway.console.time-zone} (default Africa/Casablanca), each
 * with its UTC instant for the title attribute. Checked at start, so that a zone this JVM does not
 * know stops the gateway rather than every page.
 */
@Context
public final class ConsoleTime {

  static final String TIME_ZONE = "gateway.console.time-zone";

  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter FRENCH_SECONDS =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
  private static final DateTimeFormatter ENGLISH_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter INPUT_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter INPUT_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private final ZoneId zone;
  private final Clock clock;

  ConsoleTime(@Value("${" + TIME_ZONE + ":Africa/Casablanca}") String zone, Clock clock) {
    try {
      this.zone = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          TIME_ZONE + " is not a time zone this JVM knows (such as Africa/Casablanca): " + zone, e);
    }
    this.clock = clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The gateway's clock: countdowns are rendered against it. */
  public Instant now() {
    return clock.instant();
  }

  /** {@code at} as a date and time in the console's zone, written for {@code language}. */
  public String local(Instant at, Language language) {
    return (language == Language.FR ? FRENCH : ENGLISH).format(at.atZone(zone));
  }

  /** As {@link #local}, to the second (a timeline's lines may be seconds apart). */
  public String localSeconds(Instant at, Language language) {
    return (language == Language.FR ? FRENCH_SECONDS : ENGLISH_SECONDS).format(at.atZone(zone));
  }

  /** {@code at}'s time of day in the console's zone, to the second. */
  public String clock(Instant at) {
    return CLOCK.format(at.atZone(zone));
  }

  /**
   * A date and time an officer typed or a link carries: either in the console's zone without an
   * offset ({@code 2026-11-28T02:00}, what a {@code datetime-local} field sends) or RFC 3339 with
   * one; empty when it is neither, or outside the years the gateway stores. A local time that a
   * change of clocks skips is moved forward by the gap; one that occurs twice is the earlier.
   */
  public Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        instant = ZonedDateTime.ofLocal(LocalDateTime.parse(value), zone, null).toInstant();
      } catch (DateTimeParseException notLocal) {
        return Optional.empty();
      }
    }
    return PgTime.storable(instant) ? Optional.of(instant) : Optional.empty();
  }

  /**
   * {@code at} as a {@code datetime-local} field holds it, in the console's zone: {@code
   * 2026-11-28T02:00}, with seconds only when it has some.
   */
  public String inputValue(Instant at) {
    LocalDateTime local = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS);
    return (local.getSecond() == 0 ? INPUT_MINUTES : INPUT_SECONDS).format(local);
  }

  /** {@code at} in UTC to the second, as RFC 3339 writes it: {@code 2024-06-20T10:00:00Z}. */
  public static String utc(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
