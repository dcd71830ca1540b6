package org.takedown.contracts;

import java.time.Instant;

/**
 * The body of {@code POST /api/v1/admin/dead-letters/retry}: which FAILED requests to retry, with
 * the filters of the dead-letter listing. Every member is optional.
 *
 * @param platform only requests to this partner; null: every partner
 * @param failedFrom only requests that failed at or after this instant
 * @param failedTo only requests that failed before this instant
 * @param dryRun null or true: only count what would be retried; false: retry
 */
public record DeadLetterRetry(
    Platform platform, Instant failedFrom, Instant failedTo, Boolean dryRun) {}
