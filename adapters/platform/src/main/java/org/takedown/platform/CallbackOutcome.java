package org.takedown.platform;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What a partner callback turned out to be, decided before anything in it is trusted. */
public sealed interface CallbackOutcome {

  /**
   * Authentic, body included (signed over its raw bytes): the updates it carries, in the order the
   * partner sent them.
   */
  record Verified(List<PartnerUpdate> updates) implements CallbackOutcome {
    public Verified {
      updates = List.copyOf(updates);
    }
  }

  /**
   * Authentic sender, unbound content: the partner's scheme proves who sent the notice but does not
   * bind its body to that proof (Google's Pub/Sub push: a captured token verifies under any body
   * while it lasts). So it is a hint, not a verdict: the partner says something changed about
   * {@code refs}, and only asking the partner (a status read) says what. Nothing else in the body
   * is to be applied.
   *
   * @param messageId the partner's id of this notice, the same on every redelivery of it: a notice
   *     whose id was seen before is acknowledged and triggers nothing new
   * @param refs the partner's references it names (at least one), in the order it names them
   */
  record Hint(String messageId, List<PartnerRef> refs) implements CallbackOutcome {
    public Hint {
      Objects.requireNonNull(messageId, "messageId");
      refs = List.copyOf(refs);
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("a hint names at least one reference");
      }
    }
  }

  /** A subscription handshake (Meta's {@code hub.challenge}) answered with {@code body} as text. */
  record Handshake(String body) implements CallbackOutcome {}

  /**
   * Not authentic, or not verifiable: answered with {@code status} (401 or 403), nothing changes.
   * {@code code} says why in a word the gateway counts refusals by; {@code reason} is for the log:
   * it never holds the body, a signature or a token.
   */
  record Refused(int status, RefusalCode code, String reason) implements CallbackOutcome {}

  /**
   * Why a callback was refused: few enough words to count refusals by, the same for all partners.
   */
  enum RefusalCode {
    /** A signature (HMAC) missing, malformed, or not the body's. */
    SIGNATURE,
    /** A bearer token or verify token missing, malformed, or failing one of its checks. */
    TOKEN,
    /** Signed too long ago, or too far ahead (a replay, or a clock far off). */
    STALE,
    /** Authentic, but addressed to another application or account. */
    FOREIGN,
    /** A method the partner never uses for callbacks. */
    METHOD,
    /** This gateway lacks the secret or keys it would verify the partner's callbacks with. */
    UNCONFIGURED;

    /** The code as metrics and logs spell it: {@code signature}, {@code token}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Authentic, but the body cannot be read as the partner's callback: answered 400. */
  record Unreadable(String reason) implements CallbackOutcome {}
}
