package org.takedown.gateway.request;

import java.time.Instant;
import java.util.UUID;

/**
 * One line to append to a request's history.
 *
 * @param from null when the request is created
 * @param actor who acted: the officer's {@code sub}, the submitter's at creation; null for the
 *     gateway and partners
 */
public record HistoryLine(
    UUID requestId,
    Instant at,
    RequestState from,
    RequestState to,
    HistorySource source,
    String actor,
    String detail) {}
