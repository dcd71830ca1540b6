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
 * @param status the partner's status vocabulary ({@code RECEIVED} for Meta and Google, {@code
 *     PENDING} for TikTok on creation)
 * @param outcome the partner's outcome or decline reason once decided, {@code null} before
 * @param submitted the JSON body of the create call that created it, as received
 * @param createdAt when the partner created it
 * @param updatedAt when its status last changed
 */
public record SandboxRequest(
    String id,
    String reference,
    String status,
    String outcome,
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
    return new SandboxRequest(id, reference, status, null, submitted, now, now);
  }
}
