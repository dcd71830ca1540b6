package org.takedown.platform;

import java.util.Objects;

/**
 * The partner's own name for a request.
 *
 * @param id the reference officers see ({@code partnerRef}): Meta's and TikTok's request id,
 *     Google's {@code legalRequests/…} name
 * @param operation Google's long-running operation name, kept for polling; null for the others
 */
public record PartnerRef(String id, String operation) {

  public PartnerRef {
    Objects.requireNonNull(id, "id");
  }

  public static PartnerRef of(String id) {
    return new PartnerRef(id, null);
  }
}
