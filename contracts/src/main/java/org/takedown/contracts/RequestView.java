package org.takedown.contracts;

import java.time.Instant;
import java.util.UUID;

/** One request: one item, one action, one partner. */
public record RequestView(
    UUID id,
    UUID caseId,
    Platform platform,
    Action action,
    String url,
    String canonicalUrl,
    String contentId,
    RequestStatus status,
    Outcome outcome,
    String partnerRef,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant dueAt,
    Instant preservedUntil,
    Instant createdAt,
    Instant updatedAt) {}
