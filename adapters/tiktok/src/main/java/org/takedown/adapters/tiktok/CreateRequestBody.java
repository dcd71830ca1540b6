package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.SubmitCommand;

/** The body of TikTok's create call, {@code POST /v2/legal/requests/}. */
@Serdeable
record CreateRequestBody(
    @JsonProperty("request_type") String requestType,
    @JsonProperty("target_url") String targetUrl,
    @JsonProperty("category") String category,
    @JsonProperty("legal_basis") String legalBasis,
    @JsonProperty("case_reference") String caseReference,
    @JsonProperty("is_emergency") boolean emergency,
    @JsonProperty("non_disclosure") boolean nonDisclosure,
    @JsonProperty("requester") RequesterBody requester,
    @JsonProperty("client_reference") String clientReference) {

  /** The officer TikTok answers to. */
  @Serdeable
  record RequesterBody(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("email") String email,
      @JsonProperty("unit") @Nullable String unit) {}

  /** Translates the gateway's command into TikTok's terms (PARTNERS.md mapping). */
  static CreateRequestBody from(SubmitCommand command) {
    return new CreateRequestBody(
        requestType(command.action()),
        command.contentUrl(),
        category(command.category()),
        command.legalBasis(),
        command.caseReference(),
        command.emergency(),
        command.nonDisclosure(),
        new RequesterBody(
            command.requester().name(), command.requester().email(), command.requester().unit()),
        // TikTok deduplicates on client_reference: a resent command finds the existing request.
        command.requestId().toString());
  }

  static String requestType(Action action) {
    switch (action) {
      case TAKEDOWN:
        return "REMOVAL";
      case PRESERVATION:
        return "PRESERVATION";
      default:
        throw new IllegalArgumentException("no TikTok request type for " + action);
    }
  }

  static String category(Category category) {
    switch (category) {
      case FRAUD:
        return "FRAUD_AND_SCAMS";
      case SEXTORTION:
        return "SEXUAL_EXPLOITATION";
      case DEFAMATION:
      case HARASSMENT:
        return "HARASSMENT_AND_BULLYING";
      case THREATS:
        return "VIOLENT_THREATS";
      case TERRORISM:
        return "VIOLENT_EXTREMISM";
      case CHILD_SEXUAL_EXPLOITATION:
        return "MINOR_SAFETY";
      case HATE_SPEECH:
        return "HATEFUL_BEHAVIOR";
      case OTHER:
        return "OTHER";
      default:
        throw new IllegalArgumentException("no TikTok category for " + category);
    }
  }
}
