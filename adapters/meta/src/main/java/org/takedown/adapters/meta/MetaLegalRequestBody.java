package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import org.takedown.platform.Action;
import org.takedown.platform.SubmitCommand;

/** The body of {@code POST /{agency-id}/legal_requests}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record MetaLegalRequestBody(
    @JsonProperty("request_type") String requestType,
    @JsonProperty("content_url") String contentUrl,
    @JsonProperty("violation_type") MetaViolationType violationType,
    @JsonProperty("legal_basis") String legalBasis,
    @JsonProperty("case_reference") String caseReference,
    @JsonProperty("emergency") boolean emergency,
    @JsonProperty("non_disclosure") boolean nonDisclosure,
    @JsonProperty("requester") Requester requester,
    @JsonProperty("external_id") String externalId) {

  static MetaLegalRequestBody of(SubmitCommand command) {
    return new MetaLegalRequestBody(
        command.action() == Action.PRESERVATION ? "PRESERVATION" : "CONTENT_REMOVAL",
        command.contentUrl(),
        MetaViolationType.of(command.category()),
        command.legalBasis(),
        command.caseReference(),
        command.emergency(),
        command.nonDisclosure(),
        new Requester(
            command.requester().name(), command.requester().email(), command.requester().unit()),
        command.requestId().toString());
  }

  /** The officer and unit Meta answers to; name and unit are left out when unknown. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Requester(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("unit") String unit) {}
}
