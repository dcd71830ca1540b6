package org.takedown.gateway.status;

import java.time.Instant;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.gateway.request.RequestState;

/**
 * Which requests an officer lists, through {@code GET /api/v1/requests} or the console's requests
 * page; null members do not filter. Read by {@link ListingParameters}, one rule for both.
 *
 * @param caseRef a case's {@code externalRef}, matched exactly
 * @param createdFrom the earliest {@code createdAt}, inclusive
 * @param createdTo the end of the creation range, exclusive
 * @param partnerRef the partner's reference of the request, matched exactly
 * @param canonicalUrl the canonical URL of the reported content, matched exactly (the filter's URL
 *     is canonicalised as intake does, {@link ListingParameters#contentUrl})
 * @param contentId the partner's content id, matched exactly
 * @param after the keyset position to continue after, null for the first page
 */
public record RequestFilter(
    RequestState status,
    Platform platform,
    Action action,
    Category category,
    Boolean overdue,
    String caseRef,
    Instant createdFrom,
    Instant createdTo,
    String partnerRef,
    String canonicalUrl,
    String contentId,
    int limit,
    RequestCursor after) {

  /** A filter of the API's first filters only (status to caseRef). */
  public RequestFilter(
      RequestState status,
      Platform platform,
      Action action,
      Category category,
      Boolean overdue,
      String caseRef,
      int limit,
      RequestCursor after) {
    this(
        status, platform, action, category, overdue, caseRef, null, null, null, null, null, limit,
        after);
  }
}
