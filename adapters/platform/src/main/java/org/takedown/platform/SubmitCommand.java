package org.takedown.platform;

import java.util.Objects;
import java.util.UUID;

/**
 * One request to send to one platform.
 *
 * <p>{@code requestId} is the gateway's request id and the partner-side idempotency reference:
 * submitting the same command twice must never create two partner-side requests.
 *
 * @param contentUrl the item's canonical URL
 * @param legalBasis {@code "{law} {article} (authorisation {authorizationRef})"}
 * @param caseReference the case's {@code externalRef}
 * @param emergency true when the case priority is EMERGENCY
 */
public record SubmitCommand(
    UUID requestId,
    Action action,
    String contentUrl,
    Category category,
    String legalBasis,
    String caseReference,
    boolean emergency,
    boolean nonDisclosure,
    Requester requester) {

  public SubmitCommand {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(contentUrl, "contentUrl");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(caseReference, "caseReference");
    Objects.requireNonNull(requester, "requester");
  }
}
