package org.takedown.gateway.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** One creation or state change of a request, as the feed shows it. */
@Serdeable
record EventView(
    String id,
    Instant at,
    UUID caseId,
    UUID requestId,
    String type,
    String status,
    String outcome) {}
