package org.takedown.platform;

/**
 * One platform's callback scheme: how it proves a callback is its own, and what the callback says.
 * Implementations verify first (signature, token, freshness) and parse only what is verified;
 * comparisons of secrets are constant-time.
 */
public interface PartnerCallbacks {

  Platform platform();

  CallbackOutcome receive(CallbackRequest request);
}
