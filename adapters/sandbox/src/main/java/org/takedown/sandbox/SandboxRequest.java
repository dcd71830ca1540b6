package org.takedown.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A partner-side legal request as a simulated partner holds it: one per gateway reference, however
 * many create calls carried that reference.
 *
 * @param id the partner's identifier, as its create answer returned it: Meta's numeric id, TikTok's
 *     {@code request_id}, Google's {@code legalRequests/<n>} name
 * @param reference the gateway's reference the partner deduplicates on ({@code external_id}, {@code
 *     client_reference} or {@code requestId})
 * @param status the partner's status vocabulary: {@code RECEIVED}, {@code IN_REVIEW}, {@code
 *     COMPLETED}, {@code DECLINED} for Meta; {@code PENDING}, {@code PROCESSING}, {@code
 *     COMPLETED}, {@code REJECTED} for TikTok; {@code RECEIVED}, {@code UNDER_REVIEW}, {@code
 *     RESOLVED} for Google
 * @param outcome the partner's outcome or decline reason once decided ({@code CONTENT_REMOVED},
 *     {@code NO_VIOLATION_FOUND}, {@code GEO_RESTRICTED}, {@code NO_ACTION}, ...), {@code null}
 *     before
 * @param preservedUntil until when the partner preserves the data, {@code null} unless it does
 * @param submitted the JSON body of the create call that created it, as received
 * @param createdAt when the partner created it
 * @param updatedAt when its status or preservation last changed
 */
public record SandboxRequest(
    String id,
    String reference,
    String status,
    String outcome,
    Instant preservedUntil,
    Map<String, Object> submitted,
    Instant createdAt,
    Instant updatedAt) {

  public SandboxRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    // JSON bodies hold nulls, which Map.copyOf refuses.
    submitted = Collections.unmodifiableMap(new LinkedHashMap<>(submitted));
  }

  /** A request just created from {@code submitted}, in its partner's initial {@code status}. */
  static SandboxRequest received(
      String id, String reference, String status, Map<String, Object> submitted, Instant now) {
    return new SandboxRequest(id, reference, status, null, null, submitted, now, now);
  }

  /** This request moved to {@code status} and {@code outcome} at {@code now}. */
  SandboxRequest movedTo(String status, String outcome, Instant preservedUntil, Instant now) {
    return new SandboxRequest(
        id, reference, status, outcome, preservedUntil, submitted, createdAt, now);
  }

  /** This request with its preservation running until {@code until}, changed at {@code now}. */
  SandboxRequest preservedUntil(Instant until, Instant now) {
    return new SandboxRequest(id, reference, status, outcome, until, submitted, createdAt, now);
  }
}
