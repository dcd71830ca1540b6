package org.takedown.contracts;

/**
 * What a bulk retry from the dead letter did.
 *
 * @param matched the FAILED requests the filters selected
 * @param retried those moved back to PENDING: 0 for a dry run; fewer than {@code matched} when some
 *     left FAILED while the retry was under way (an officer or another admin retried them first)
 * @param dryRun true when nothing was changed
 */
public record DeadLetterRetryResult(long matched, long retried, boolean dryRun) {}
