package org.takedown.gateway.console;

import java.time.Instant;
import org.takedown.contracts.Platform;

/**
 * A retry of everything the dead letter's filters select: first the count (a dry run, nothing
 * changed) and the form that confirms it, then what the retry did.
 *
 * @param platform null: every partner
 * @param failedFrom inclusive; null: from the start
 * @param failedTo exclusive; when the filters set no end, the moment of the count, so that the
 *     confirmed retry takes what was counted and not a failure that came after
 * @param endIsCount true when {@code failedTo} is the moment of the count rather than a filter
 * @param retried null for the count; after the retry, how many went back to PENDING
 * @param listHref the dead letter with the same filters
 */
public record DeadLetterRetryPage(
    Platform platform,
    Instant failedFrom,
    Instant failedTo,
    boolean endIsCount,
    long matched,
    Long retried,
    String listHref) {

  public boolean dryRun() {
    return retried == null;
  }

  /** The platform field of the confirming form; empty for every partner. */
  public String platformValue() {
    return platform == null ? "" : platform.name();
  }

  /** A bound as the confirming form carries it: exact, in UTC. */
  public static String exact(Instant at) {
    return at == null ? "" : at.toString();
  }
}
