package org.takedown.contracts;

import java.time.Instant;

/**
 * One line of a request's append-only history.
 *
 * @param from the status before, null at creation
 * @param source {@code gateway}, {@code partner-callback}, {@code partner-poll} or {@code officer}
 */
public record HistoryEntry(
    Instant at, RequestStatus from, RequestStatus to, String source, String detail) {}
