package org.takedown.adapters.google;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.takedown.platform.Action;
import org.takedown.platform.SubmitCommand;

/** The body of {@code POST /v1/legalRequests}. */
@Serdeable
record LegalRequestBody(
    String requestType,
    String contentUri,
    Product product,
    GoogleCategory category,
    String legalBasis,
    String caseReference,
    boolean emergency,
    boolean nonDisclosure,
    Contact contact) {

  /** The officer Google answers to; absent name or unit is left out. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Contact(@Nullable String name, @Nullable String email, @Nullable String unit) {}

  static LegalRequestBody of(SubmitCommand command) {
    return new LegalRequestBody(
        command.action() == Action.PRESERVATION ? "PRESERVATION" : "REMOVAL",
        command.contentUrl(),
        Product.ofContentUrl(command.contentUrl()),
        GoogleCategory.of(command.category()),
        command.legalBasis(),
        command.caseReference(),
        command.emergency(),
        command.nonDisclosure(),
        new Contact(
            command.requester().name(), command.requester().email(), command.requester().unit()));
  }
}
