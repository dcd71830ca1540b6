package org.takedown.gateway.auth;

import java.util.Optional;

/**
 * What a token's {@code sub} must be to name a caller: it is stored as the owner of the cases a
 * submitter creates and as the actor of an officer's actions, and every owner check compares it.
 *
 * <ul>
 *   <li>present and not blank;
 *   <li>at most {@value #MAX_LENGTH} characters (OpenID Connect's bound on {@code sub}; the columns
 *       that store it hold 256);
 *   <li>no control character (U+0000 to U+001F, U+007F to U+009F), format character (such as U+200B
 *       or the bidirectional overrides), line or paragraph separator, and no unpaired surrogate.
 *       PostgreSQL refuses U+0000 in text, and an unpaired surrogate would be stored as {@code ?},
 *       so that two callers' {@code sub}s would become one owner.
 * </ul>
 *
 * <p>A {@code sub} is otherwise kept exactly as the issuer wrote it: no trimming, no case folding.
 */
public final class SubjectRules {

  /** The longest usable {@code sub}, in characters (Unicode code points). */
  public static final int MAX_LENGTH = 255;

  private SubjectRules() {}

  /** Why {@code sub} cannot name a caller, or empty when it can. Names no character of it. */
  public static Optional<String> defect(String sub) {
    if (sub == null) {
      return Optional.of("is missing");
    }
    if (sub.isBlank()) {
      return Optional.of("is blank");
    }
    if (sub.codePointCount(0, sub.length()) > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters");
    }
    return sub.codePoints()
        .filter(SubjectRules::unusable)
        .mapToObj(c -> String.format("holds the unusable character U+%04X", c))
        .findFirst();
  }

  private static boolean unusable(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          true;
      default -> false;
    };
  }
}
