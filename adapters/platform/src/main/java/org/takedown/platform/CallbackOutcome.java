package org.takedown.platform;

import java.util.List;

/** What a partner callback turned out to be, decided before anything in it is trusted. */
public sealed interface CallbackOutcome {

  /** Authentic: the updates it carries, in the order the partner sent them. */
  record Verified(List<PartnerUpdate> updates) implements CallbackOutcome {
    public Verified {
      updates = List.copyOf(updates);
    }
  }

  /** A subscription handshake (Meta's {@code hub.challenge}) answered with {@code body} as text. */
  record Handshake(String body) implements CallbackOutcome {}

  /**
   * Not authentic, or not verifiable: answered with {@code status} (401 or 403), nothing changes.
   * {@code reason} is for the log: it never holds the body, a signature or a token.
   */
  record Refused(int status, String reason) implements CallbackOutcome {}

  /** Authentic, but the body cannot be read as the partner's callback: answered 400. */
  record Unreadable(String reason) implements CallbackOutcome {}
}
