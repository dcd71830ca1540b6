package org.takedown.gateway.tracking;

import java.time.Instant;
import java.util.UUID;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/** The part of a request that partner updates and officer actions change, read under a row lock. */
public record TrackedRequest(
    UUID id,
    UUID caseId,
    String platform,
    RequestState status,
    Outcome outcome,
    Instant preservedUntil,
    Instant createdAt,
    String partnerRef,
    String partnerOperation) {}
