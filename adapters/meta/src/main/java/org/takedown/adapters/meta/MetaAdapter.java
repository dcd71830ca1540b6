package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;

/**
 * Meta's law-enforcement request API on Graph conventions (PARTNERS.md, "Meta"). Meta deduplicates
 * submits on {@code external_id}, the gateway's request id, so a retry after an unknown answer
 * never creates a second request. Every answer, and every missing one, becomes exactly one outcome;
 * nothing here throws for I/O or for what Meta says.
 *
 * <p>Configured by {@link MetaProperties} ({@code gateway.partners.meta.*}); present only when
 * {@code gateway.partners.meta.base-url} is set.
 */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
public class MetaAdapter implements PlatformAdapter {

  private static final String LEGAL_REQUESTS = "legal_requests";
  private static final String EXTENSIONS = "extensions";
  private static final byte[] NO_PARAMETERS = "{}".getBytes(StandardCharsets.UTF_8);
  private static final String STATUS_FIELDS =
      "id,status,outcome,updated_time,preserved_until,decline_reason";

  /** Meta's token is static: each port call is one exchange, with no grant and no retry. */
  private static final int EXCHANGES_PER_CALL = 1;

  private final MetaApi api;
  private final JsonMapper json;
  private final String agencyId;
  private final Duration longestCall;

  MetaAdapter(MetaApi api, JsonMapper json, MetaProperties properties) {
    this.api = api;
    this.json = json;
    this.agencyId = properties.agencyId();
    this.longestCall =
        properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(EXCHANGES_PER_CALL);
  }

  @Override
  public Platform platform() {
    return Platform.META;
  }

  @Override
  public Duration longestCall() {
    return longestCall;
  }

  @Override
  public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
    try {
      return accepted(api.post(agencyId, LEGAL_REQUESTS, serialise(command), List.of(), exchanges));
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  @Override
  public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
    try {
      return known(ref, api.get(ref.id(), STATUS_FIELDS, List.of(ref), exchanges));
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  /**
   * {@code POST {base}/{version}/{id}/extensions}: Meta adds 90 days to the preservation. Errors
   * are classified exactly as for submits.
   */
  @Override
  public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
    try {
      return extended(api.post(ref.id(), EXTENSIONS, NO_PARAMETERS, List.of(ref), exchanges));
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  private byte[] serialise(SubmitCommand command) {
    try {
      return json.writeValueAsBytes(MetaLegalRequestBody.of(command));
    } catch (IOException e) {
      // The body is our own record; failing to write it is a defect, not a partner answer.
      throw new IllegalStateException("cannot serialise a Meta legal request", e);
    }
  }

  /**
   * A 2xx without a readable id may still mean Meta created the request: retrying with the same
   * external_id finds it again, so it is an unknown answer, not a failure.
   */
  private SubmitOutcome accepted(MetaHttp.Answer answer) {
    Optional<MetaCreated> created = read(answer.body(), MetaCreated.class);
    if (created.isEmpty() || created.get().id() == null || created.get().id().isBlank()) {
      return new PartnerFailure.UnknownOutcome(
          "Meta HTTP " + answer.status() + " without a readable request id");
    }
    return new SubmitOutcome.Accepted(
        PartnerRef.of(created.get().id()), created.get().isDuplicate());
  }

  private StatusOutcome known(PartnerRef ref, MetaHttp.Answer answer) {
    Optional<MetaRequestState> state = read(answer.body(), MetaRequestState.class);
    if (state.isEmpty()) {
      return new PartnerFailure.UnknownOutcome(
          "Meta HTTP " + answer.status() + " with an unreadable status");
    }
    try {
      return new StatusOutcome.Known(MetaStateMapping.toUpdate(ref, state.get()));
    } catch (UnrecognisedMetaState e) {
      // Unknown words may be a Graph change we have not mapped yet: ask again, fail nothing.
      return PartnerFailure.RetryLater.withoutHint(e.getMessage());
    }
  }

  /**
   * Meta saying {@code success: false} did not extend: final for this call. A 2xx without a
   * readable end date says nothing certain, so asking again is the safe reading.
   */
  private ExtendOutcome extended(MetaHttp.Answer answer) {
    Optional<MetaExtension> extension = read(answer.body(), MetaExtension.class);
    if (extension.isPresent() && Boolean.FALSE.equals(extension.get().success())) {
      return new PartnerFailure.Rejected(
          "success_false", "Meta HTTP " + answer.status() + " did not extend the preservation");
    }
    String until = extension.map(MetaExtension::preservedUntil).orElse(null);
    if (until != null && !until.isBlank()) {
      try {
        return new ExtendOutcome.Extended(GraphTime.parse(until));
      } catch (DateTimeParseException unreadable) {
        // reported below, like a missing date
      }
    }
    return new PartnerFailure.UnknownOutcome(
        "Meta HTTP " + answer.status() + " without a readable preserved_until");
  }

  private <T> Optional<T> read(byte[] body, Class<T> type) {
    try {
      return Optional.ofNullable(json.readValue(body, type));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
