package org.takedown.gateway.auth;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who is reading, and so which cases, requests and events a read may return. Every read that
 * filters by owner takes one, built from the authenticated caller in one place ({@code
 * ViewerArgumentBinder}); controllers declare a {@code Viewer} parameter.
 *
 * <p>There is no "no filter" value to slip through: a {@link Submitter} always holds a usable
 * {@code sub}, and a read picks its SQL with {@link #choose}, which a null viewer cannot answer (it
 * throws rather than falling back to everyone).
 */
public sealed interface Viewer {

  /** Liaison officers and admins: every case. */
  record Everyone() implements Viewer {
    @Override
    public <T> T choose(Supplier<T> everything, Function<String, T> ownedBy) {
      return everything.get();
    }
  }

  /**
   * A submitter: only the cases it created (their {@code submitter} is {@code sub}), their requests
   * and their events.
   *
   * @param sub the caller's {@code sub}; never null, blank, over {@value SubjectRules#MAX_LENGTH}
   *     characters or holding a control character ({@link SubjectRules})
   */
  record Submitter(String sub) implements Viewer {

    public Submitter {
      SubjectRules.defect(sub)
          .ifPresent(
              defect -> {
                throw new IllegalArgumentException("a submitter's sub " + defect);
              });
    }

    @Override
    public <T> T choose(Supplier<T> everything, Function<String, T> ownedBy) {
      return ownedBy.apply(sub);
    }
  }

  /**
   * What this viewer reads: {@code everything} for {@link Everyone}, {@code ownedBy} applied to the
   * submitter's {@code sub} for a {@link Submitter}.
   */
  <T> T choose(Supplier<T> everything, Function<String, T> ownedBy);
}
