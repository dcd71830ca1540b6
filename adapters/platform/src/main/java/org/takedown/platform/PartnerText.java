package org.takedown.platform;

/**
 * Text a partner chose (an error code, a log id, a state word, a reference, a reason built from
 * them) as a log line may quote it. A partner's answer can hold anything, so a line quotes at most
 * {@value #MAX_LENGTH} characters of it, on one line: control characters (a CR/LF that would forge
 * a line of its own) become {@code ?}. Partner message text (which may echo the request: names,
 * emails) is never quoted at all; the adapters keep it out of their reasons.
 */
public final class PartnerText {

  /** Characters of partner text one log line quotes at most. */
  public static final int MAX_LENGTH = 160;

  private PartnerText() {}

  /** {@code text} bounded and on one line; {@code "null"} for null. */
  public static String forLog(String text) {
    if (text == null) {
      return "null";
    }
    int length = Math.min(text.length(), MAX_LENGTH);
    StringBuilder quoted = new StringBuilder(length + 24);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      quoted.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > MAX_LENGTH) {
      quoted.append("... (").append(text.length()).append(" chars)");
    }
    return quoted.toString();
  }
}
