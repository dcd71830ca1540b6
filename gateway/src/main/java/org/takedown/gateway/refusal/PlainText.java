package org.takedown.gateway.refusal;

/**
 * The text the gateway accepts from clients and partners: valid Unicode without control characters.
 * PostgreSQL cannot store U+0000 at all; the other control characters (U+0001 to U+001F, U+007F to
 * U+009F) have no place in a reference, a name, an address or a URL: they hide text from whoever
 * reads the history, forge log lines, and a partner would refuse them. An unpaired UTF-16 surrogate
 * (JSON can spell one as an escape) is not a character at all, and would be stored as {@code ?}.
 * Text that may span lines (a note) may also hold tabs, line feeds and carriage returns. Format
 * characters (right-to-left marks, zero-width joiners) are kept: Arabic and French names need them.
 */
public final class PlainText {

  /** What {@link #isPlain} asks, as a validation message. */
  public static final String RULE = "must be text without control characters";

  /** What {@link #isPlainMultiLine} asks, as a validation message. */
  public static final String MULTI_LINE_RULE =
      "must be text without control characters other than tab, line feed and carriage return";

  private PlainText() {}

  /** True when {@code text} is valid Unicode without any control character. */
  public static boolean isPlain(String text) {
    return check(text, false);
  }

  /** As {@link #isPlain}, but tabs and line breaks are allowed. */
  public static boolean isPlainMultiLine(String text) {
    return check(text, true);
  }

  private static boolean check(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        if (!(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
          return false;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
