package org.takedown.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A request with its history, as {@code GET /api/v1/requests/{id}} returns it. */
public record RequestDetail(
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
    Instant updatedAt,
    List<HistoryEntry> history) {

  public static RequestDetail of(RequestView r, List<HistoryEntry> history) {
    return new RequestDetail(
        r.id(),
        r.caseId(),
        r.platform(),
        r.action(),
        r.url(),
        r.canonicalUrl(),
        r.contentId(),
        r.status(),
        r.outcome(),
        r.partnerRef(),
        r.attempts(),
        r.nextAttemptAt(),
        r.lastError(),
        r.dueAt(),
        r.preservedUntil(),
        r.createdAt(),
        r.updatedAt(),
        List.copyOf(history));
  }
}
