package org.takedown.gateway.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the event feed: the writing transaction's id and the event's id, in that order. Its
 * text form, {@code <txid>-<id>}, is also the event's id.
 */
record EventCursor(long txid, long id) {

  static final EventCursor START = new EventCursor(0, 0);
  private static final Pattern FORM = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

  static Optional<EventCursor> parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new EventCursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return txid + "-" + id;
  }
}
