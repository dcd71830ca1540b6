package org.takedown.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Moves a simulated partner's requests through the partner's own states, forwards only: received,
 * in review, then one final status and outcome. Moving a request to where it already is changes
 * nothing; moving a decided request anywhere else is refused, as a partner never reopens one. Each
 * change is announced to the gateway by a callback, unless muted.
 */
final class RequestLifecycle {

  /** How long a partner preserves data, and how much longer each extension keeps it. */
  static final Duration PRESERVATION = Duration.ofDays(90);

  /** A request after a transition, and what became of the callback announcing it. */
  record Transition(SandboxRequest request, CallbackDispatcher.Announcement callback) {}

  private final String partner;
  private final StateVocabulary words;
  private final RequestStore store;
  private final Clock clock;
  private final CallbackDispatcher callbacks;

  RequestLifecycle(
      String partner,
      StateVocabulary words,
      RequestStore store,
      Clock clock,
      CallbackDispatcher callbacks) {
    this.partner = partner;
    this.words = words;
    this.store = store;
    this.clock = clock;
    this.callbacks = callbacks;
  }

  /**
   * Puts the request under review.
   *
   * @throws NoSuchElementException when no request has {@code reference}
   * @throws IllegalStateException when the request is decided already
   */
  Transition review(String reference, boolean announce) {
    return moveTo(reference, words.inReview(), null, announce);
  }

  /**
   * Decides the request with the outcome {@code word} names, in the partner's or the gateway's
   * terms; a preservation keeps the data for {@link #PRESERVATION} from now.
   *
   * @throws IllegalArgumentException when the partner knows no such outcome
   */
  Transition complete(String reference, String word, boolean announce) {
    StateVocabulary.Resolution resolution = words.resolution(word);
    return moveTo(reference, resolution.status(), resolution.outcome(), announce);
  }

  /**
   * Declines the request for {@code reason}.
   *
   * @throws IllegalArgumentException when {@code reason} is no decline reason of the partner
   */
  Transition decline(String reference, String reason, boolean announce) {
    StateVocabulary.Resolution resolution = words.decline(reason);
    return moveTo(reference, resolution.status(), resolution.outcome(), announce);
  }

  /** Completes the request with the partner's preservation outcome. */
  Transition preserve(String reference, boolean announce) {
    StateVocabulary.Resolution resolution = words.preserved();
    return moveTo(reference, resolution.status(), resolution.outcome(), announce);
  }

  /**
   * Announces the request's current state again, as a partner redelivering would.
   *
   * @throws NoSuchElementException when no request has {@code reference}
   */
  CallbackDispatcher.Announcement announceAgain(String reference) {
    SandboxRequest request =
        store.byReference(reference).orElseThrow(() -> unknownReference(reference));
    return callbacks.announce(request, true);
  }

  /**
   * Extends the preservation of the request the partner calls {@code id} by {@link #PRESERVATION}.
   *
   * @throws NoSuchElementException when there is no request {@code id}
   * @throws IllegalStateException when it holds no preserved data, or the preservation expired
   */
  SandboxRequest extend(String id) {
    Instant now = clock.instant();
    return store
        .updateById(
            id,
            current -> {
              Instant until = current.preservedUntil();
              if (!words.preserves(current.outcome()) || until == null) {
                throw new IllegalStateException(
                    "the legal request " + id + " holds no preserved data to extend");
              }
              if (!until.isAfter(now)) {
                throw new IllegalStateException(
                    "the preservation of the legal request " + id + " expired at " + until);
              }
              return current.preservedUntil(until.plus(PRESERVATION), now);
            })
        .after();
  }

  private Transition moveTo(String reference, String status, String outcome, boolean announce) {
    Instant now = clock.instant();
    RequestStore.Change change;
    try {
      change =
          store.update(
              reference,
              current -> {
                if (current.status().equals(status) && Objects.equals(current.outcome(), outcome)) {
                  return current;
                }
                if (words.isFinal(current.status())) {
                  throw new IllegalStateException(
                      "the "
                          + partner
                          + " request "
                          + reference
                          + " is "
                          + current.status()
                          + (current.outcome() == null ? "" : " (" + current.outcome() + ")")
                          + " already");
                }
                Instant preservedUntil = words.preserves(outcome) ? now.plus(PRESERVATION) : null;
                return current.movedTo(status, outcome, preservedUntil, now);
              });
    } catch (NoSuchElementException e) {
      throw unknownReference(reference);
    }
    if (!change.changed()) {
      return new Transition(change.after(), CallbackDispatcher.Announcement.UNCHANGED);
    }
    return new Transition(change.after(), callbacks.announce(change.after(), announce));
  }

  private NoSuchElementException unknownReference(String reference) {
    return new NoSuchElementException(
        "the " + partner + " sandbox has no request with the reference " + reference);
  }
}
