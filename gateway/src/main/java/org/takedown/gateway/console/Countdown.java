package org.takedown.gateway.console;

import java.time.Duration;
import java.time.Instant;

/**
 * The time left until a deadline ({@code dueAt}, {@code preservedUntil}) as the page first shows
 * it; {@code console.js} then ticks it every second from the same data attributes, writing the same
 * text ({@link #span}). Urgent (red) once less than {@code urgentWithin} is left; overdue once the
 * deadline has passed.
 *
 * @param text e.g. {@code dans 12 min 05 s}, {@code en retard de 2 h 03 min}
 */
public record Countdown(
    Instant until, Duration urgentWithin, boolean urgent, boolean overdue, String text) {

  /** Under a quarter of an hour to a request's deadline, its countdown turns red (issue #17). */
  public static final Duration DEADLINE_URGENT = Duration.ofMinutes(15);

  public static Countdown of(Instant until, Instant now, Duration urgentWithin, Texts texts) {
    Duration left = Duration.between(now, until);
    boolean overdue = left.isNegative();
    String span = span(left.abs().getSeconds(), texts.text("countdown.day"));
    return new Countdown(
        until,
        urgentWithin,
        !overdue && left.compareTo(urgentWithin) < 0,
        overdue,
        texts.text(overdue ? "countdown.late" : "countdown.left", span));
  }

  /**
   * A span of time the way the console writes it: the two largest units, e.g. {@code 3 j 04 h},
   * {@code 2 h 05 min}, {@code 12 min 09 s}, {@code 40 s}. {@code console.js} writes the same.
   */
  static String span(long seconds, String dayUnit) {
    if (seconds >= 86_400) {
      return seconds / 86_400 + " " + dayUnit + " " + twoDigits(seconds % 86_400 / 3_600) + " h";
    }
    if (seconds >= 3_600) {
      return seconds / 3_600 + " h " + twoDigits(seconds % 3_600 / 60) + " min";
    }
    if (seconds >= 60) {
      return seconds / 60 + " min " + twoDigits(seconds % 60) + " s";
    }
    return seconds + " s";
  }

  private static String twoDigits(long value) {
    return value < 10 ? "0" + value : Long.toString(value);
  }

  /** The CSS classes of its element: {@code countdown}, plus its state. */
  public String cssClass() {
    if (overdue) {
      return "countdown countdown--overdue";
    }
    return urgent ? "countdown countdown--urgent" : "countdown";
  }

  /** Its state for tests and scripts: {@code overdue}, {@code urgent} or {@code running}. */
  public String state() {
    return overdue ? "overdue" : urgent ? "urgent" : "running";
  }

  public long urgentSeconds() {
    return urgentWithin.getSeconds();
  }
}
