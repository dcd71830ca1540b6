package org.takedown.gateway.refusal;

import java.util.UUID;

/** The submitter already has a case with this {@code externalRef}. */
public final class DuplicateCase extends Refusal {

  private final UUID existingCaseId;

  public DuplicateCase(String externalRef, UUID existingCaseId) {
    super("a case with externalRef " + externalRef + " already exists");
    this.existingCaseId = existingCaseId;
  }

  public UUID existingCaseId() {
    return existingCaseId;
  }
}
