package org.takedown.gateway.status;

import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestStatus;

/**
 * What {@code GET /api/v1/requests} asked for; null members do not filter.
 *
 * @param caseRef a case's {@code externalRef}, matched exactly
 * @param after the keyset position to continue after, null for the first page
 */
record RequestFilter(
    RequestStatus status,
    Platform platform,
    Action action,
    Category category,
    Boolean overdue,
    String caseRef,
    int limit,
    RequestCursor after) {}
