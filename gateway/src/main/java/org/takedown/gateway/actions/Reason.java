package org.takedown.gateway.actions;

import java.util.List;
import java.util.Optional;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.refusal.Violation;

/**
 * Why an officer acts on a request, as the officer wrote it: one line of plain text (the rules of
 * intake's text fields: no control character, no unpaired surrogate), 1 to {@value #MAX_LENGTH}
 * characters once white space is stripped from both ends. The history line of the action carries
 * it; a log line never does (an officer may name a person in it).
 *
 * @param text the reason, stripped
 */
public record Reason(String text) {

  /** At most this many characters (UTF-16 units, as intake counts). */
  public static final int MAX_LENGTH = 500;

  /** The field that carries a reason, in the API's body and in the console's forms. */
  public static final String FIELD = "reason";

  /** What can be wrong with a reason; each has the message the API's 422 gives. */
  public enum Defect {
    MISSING("must not be blank"),
    TOO_LONG("must be at most " + MAX_LENGTH + " characters"),
    NOT_PLAIN(PlainText.RULE);

    private final String message;

    Defect(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  /**
   * @throws InvalidInput naming {@value #FIELD} when {@code text} is not a reason
   */
  public Reason {
    Optional<Defect> defect = defectOf(text);
    if (defect.isPresent()) {
      throw new InvalidInput(List.of(new Violation(FIELD, defect.get().message())));
    }
    text = text.strip();
  }

  /** What is wrong with {@code text} as a reason; empty when it is one. */
  public static Optional<Defect> defectOf(String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(Defect.MISSING);
    }
    String stripped = text.strip();
    if (stripped.length() > MAX_LENGTH) {
      return Optional.of(Defect.TOO_LONG);
    }
    if (!PlainText.isPlain(stripped)) {
      return Optional.of(Defect.NOT_PLAIN);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    // the text may name a person: it goes to the history, never to a log line by accident
    return "Reason[" + text.length() + " characters]";
  }
}
