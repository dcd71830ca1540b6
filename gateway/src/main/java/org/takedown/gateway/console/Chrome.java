package org.takedown.gateway.console;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What every page's frame ({@code console/layout.jte}) and every template need besides the page's
 * own model: the language and its words, dates in the console's zone, the navigation, who is signed
 * in, and the asset addresses. Built per request by {@link ConsolePages#chrome}.
 *
 * @param nav the sections the reader may open; empty for someone who may not use the console
 * @param current the section this page belongs to, or null
 * @param user the signed-in reader's name, or null
 * @param here this page's path and query, where the language switch comes back to
 * @param now the time the page is rendered at, which its countdowns count from
 */
public record Chrome(
    Language language,
    Texts texts,
    ConsoleTime time,
    Assets assets,
    List<Section> nav,
    Section current,
    String user,
    String here,
    Instant now) {

  /**
   * The same frame for a page shown at {@code here} instead: the answer to a form's POST, whose
   * language switch must come back to the page (a GET) rather than to the action.
   */
  public Chrome at(String here) {
    return new Chrome(language, texts, time, assets, nav, current, user, here, now);
  }

  /** The text of {@code key} in the page's language. */
  public String t(String key, Object... arguments) {
    return texts.text(key, arguments);
  }

  /** The label of an enum constant (a status, platform, category ...). */
  public String label(Enum<?> value) {
    return value == null ? texts.text("value.none") : texts.label(value);
  }

  /** {@code <html lang>}. */
  public String lang() {
    return language.code();
  }

  public List<Language> languages() {
    return Arrays.asList(Language.values());
  }

  /** {@code at} in the console's zone, for reading. */
  public String local(Instant at) {
    return time.local(at, language);
  }

  /** {@code at} in the console's zone to the second, for reading. */
  public String localSeconds(Instant at) {
    return time.localSeconds(at, language);
  }

  /** {@code at}'s time of day in the console's zone, to the second. */
  public String clock(Instant at) {
    return time.clock(at);
  }

  /** {@code at} in UTC, for the {@code datetime} and {@code title} attributes. */
  public String utc(Instant at) {
    return ConsoleTime.utc(at);
  }

  /** The render time to the millisecond, from which {@code console.js} counts. */
  public String nowMillis() {
    return now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  /** The console's time zone, e.g. {@code Africa/Casablanca}. */
  public String zone() {
    return time.zone().getId();
  }

  /** The address of one of the console's {@link Assets}. */
  public String asset(String name) {
    return assets.url(name);
  }

  /** The time left until {@code until}, red under {@code urgentWithin}. */
  public Countdown countdown(Instant until, java.time.Duration urgentWithin) {
    return Countdown.of(until, now, urgentWithin, texts);
  }
}
