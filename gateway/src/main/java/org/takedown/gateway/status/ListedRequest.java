package org.takedown.gateway.status;

import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestView;

/**
 * A request in a list of requests, with what a list tells it apart by: its case's reference,
 * category and priority (a terrorism case and an emergency are marked wherever they appear).
 */
public record ListedRequest(
    RequestView request, String caseRef, Category category, Priority priority) {}
