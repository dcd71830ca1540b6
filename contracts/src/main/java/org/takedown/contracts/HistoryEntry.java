package org.takedown.contracts;

import java.time.Instant;

/**
 * One line of a request's append-only history.
 *
 * @param from the status before, null at creation
 * @param source {@code gateway}, {@code partner-callback}, {@code partner-poll} or {@code officer}
 * @param actor who acted: the officer's or submitter's {@code sub}; null for the gateway and
 *     partners
 */
public record HistoryEntry(
    Instant at, RequestStatus from, RequestStatus to, String source, String actor, String detail) {}
