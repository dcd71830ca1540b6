package org.takedown.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A case and all its requests. */
public record CaseView(
    UUID id,
    String externalRef,
    Category category,
    Priority priority,
    Instant createdAt,
    CaseStatus status,
    List<RequestView> requests) {}
