package org.takedown.contracts;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/v1/cases}. */
public record CaseSubmission(
    String externalRef,
    Category category,
    Priority priority,
    LegalBasis legalBasis,
    RequestedBy requestedBy,
    Boolean nonDisclosure,
    List<Item> items) {

  /** The law that makes the content illegal, and the authorisation to act on it. */
  public record LegalBasis(String law, String article, String authorizationRef) {}

  /** The officer and unit the partner answers to. */
  public record RequestedBy(String name, String email, String unit) {}

  /** One piece of content; it becomes one request per action. */
  public record Item(
      String url, List<Action> actions, String evidenceSha256, Instant observedAt, String note) {}
}
