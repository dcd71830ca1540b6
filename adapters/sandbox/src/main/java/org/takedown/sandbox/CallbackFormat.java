package org.takedown.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * How one partner tells the gateway that a request changed: the webhook path, the body, and the
 * headers that authenticate it. The body is made once per change; the headers once per delivery
 * attempt, since a redelivery is signed anew (a fresh TikTok timestamp, a fresh Google token).
 */
interface CallbackFormat {

  /** The gateway's webhook path for this partner, e.g. {@code /webhooks/meta}. */
  String path();

  /** The body announcing {@code request}'s current state, stamped {@code now}. */
  byte[] body(SandboxRequest request, Instant now);

  /** The headers of one attempt to deliver {@code body} at {@code now}. */
  Map<String, String> headers(byte[] body, Instant now);
}
