package org.takedown.platform;

/**
 * Where an adapter reports each call it makes to its partner, as soon as the call is over (answered
 * or not), in the order it made them; a call retried with a fresh token is two calls. The gateway
 * passes one per port call and keeps what it hears in its chain of custody, in the transaction that
 * records the call's outcome. Called on the thread that called the port.
 */
@FunctionalInterface
public interface ExchangeLog {

  /** Keeps nothing: for callers that do not record exchanges. */
  ExchangeLog NONE = exchange -> {};

  void exchanged(PartnerExchange exchange);
}
