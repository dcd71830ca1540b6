package org.takedown.gateway.status;

import java.time.Instant;
import java.util.UUID;
import org.takedown.contracts.CaseSubmission;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;

/**
 * A case's own facts, as its submitter declared them (immutable after creation): what the API's
 * case shows, plus the legal basis, the requester and whether the user may be told.
 */
public record CaseHead(
    UUID id,
    String externalRef,
    Category category,
    Priority priority,
    Instant createdAt,
    CaseSubmission.LegalBasis legalBasis,
    CaseSubmission.RequestedBy requestedBy,
    boolean nonDisclosure) {}
