package org.takedown.gateway.status;

import java.util.List;

/**
 * One page of {@link RequestReads#browse}: its requests, newest first, and the cursor of the next
 * page ({@link RequestCursor}, as {@code GET /api/v1/requests} issues it), null on the last page.
 */
public record ListedRequests(List<ListedRequest> items, String nextCursor) {}
