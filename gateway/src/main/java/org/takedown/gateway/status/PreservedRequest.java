package org.takedown.gateway.status;

import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestView;

/**
 * A preservation a partner holds (COMPLETED, outcome PRESERVED), with its case's reference,
 * category and priority, as the officers' list of preservations shows it.
 */
public record PreservedRequest(
    RequestView request, String caseRef, Category category, Priority priority) {}
