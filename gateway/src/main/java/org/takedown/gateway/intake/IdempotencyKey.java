package org.takedown.gateway.intake;

/**
 * An Idempotency-Key header and the SHA-256 of the body it came with: the same key with the same
 * body replays the first answer; with another body it is refused.
 */
record IdempotencyKey(String key, String bodySha256) {}
