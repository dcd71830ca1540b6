package org.takedown.gateway.status;

import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestView;

/**
 * An open request in the officers' work queue, with what the queue tells it apart by: its case's
 * reference, category and priority.
 */
public record QueuedRequest(
    RequestView request, String caseRef, Category category, Priority priority) {}
