package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * TikTok's law-enforcement request API (PARTNERS.md, "TikTok") behind the gateway's port.
 * Authenticates with a cached client-credentials token, sends the gateway's request id as {@code
 * client_reference} so that a resent request is never created twice, and turns every answer, and
 * every answer that never arrived, into exactly one outcome. Never throws for I/O or for TikTok's
 * answers.
 *
 * <p>Present only when {@code gateway.partners.tiktok.base-url} is set; see {@link
 * TikTokProperties} for the keys.
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
public class TikTokAdapter implements PlatformAdapter {

  /** The most request ids TikTok answers in one status query. */
  public static final int MAX_STATUS_BATCH = 20;

  /** A token grant and the call, then both again when TikTok refuses the token. */
  private static final int EXCHANGES_PER_CALL = 4;

  private final TikTokApi api;
  private final Duration longestCall;

  TikTokAdapter(TikTokApi api, TikTokProperties properties) {
    this.api = api;
    this.longestCall =
        properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(EXCHANGES_PER_CALL);
  }

  @Override
  public Platform platform() {
    return Platform.TIKTOK;
  }

  @Override
  public Duration longestCall() {
    return longestCall;
  }

  @Override
  public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
    CreateRequestBody body = CreateRequestBody.from(command);
    try {
      TikTokApi.Created created = api.create(body, exchanges);
      return new SubmitOutcome.Accepted(PartnerRef.of(created.requestId()), created.duplicate());
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  @Override
  public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
    return statuses(List.of(ref), exchanges).get(0);
  }

  /** TikTok's status query answers up to {@value #MAX_STATUS_BATCH} request ids per call. */
  @Override
  public int statusBatchLimit() {
    return MAX_STATUS_BATCH;
  }

  /**
   * Reads where up to {@value #MAX_STATUS_BATCH} requests stand, in one call to TikTok.
   *
   * @return one outcome per ref, in the order of {@code refs}; a ref TikTok does not know is {@link
   *     PartnerFailure.Rejected}. When TikTok refuses a batch of several as invalid, each ref is
   *     asked alone, so that one bad id does not fail the others.
   * @throws IllegalArgumentException for more than {@value #MAX_STATUS_BATCH} refs
   */
  @Override
  public List<StatusOutcome> statuses(List<PartnerRef> refs, ExchangeLog exchanges) {
    Objects.requireNonNull(refs, "refs");
    if (refs.size() > MAX_STATUS_BATCH) {
      throw new IllegalArgumentException(
          "TikTok answers at most %d status queries per call, got %d"
              .formatted(MAX_STATUS_BATCH, refs.size()));
    }
    if (refs.isEmpty()) {
      return List.of();
    }
    List<String> ids = refs.stream().map(PartnerRef::id).distinct().toList();
    try {
      Map<String, QueryData.RequestStatus> byId = new HashMap<>();
      for (QueryData.RequestStatus entry : api.query(ids, exchanges)) {
        if (entry != null && entry.requestId() != null) {
          byId.putIfAbsent(entry.requestId(), entry);
        }
      }
      List<StatusOutcome> outcomes = new ArrayList<>(refs.size());
      for (PartnerRef ref : refs) {
        QueryData.RequestStatus entry = byId.get(ref.id());
        outcomes.add(
            entry == null
                ? new PartnerFailure.Rejected(
                    "unknown_request", "TikTok request %s is unknown to TikTok".formatted(ref.id()))
                : TikTokStateMapping.toOutcome(ref, entry));
      }
      return outcomes;
    } catch (PartnerFailureException e) {
      if (e.failure() instanceof PartnerFailure.Rejected && ids.size() > 1) {
        return refs.stream().map(ref -> status(ref, exchanges)).toList();
      }
      return Collections.nCopies(refs.size(), e.failure());
    }
  }

  /**
   * {@code POST /v2/legal/requests/extend/}: TikTok preserves 90 days more. Errors are classified
   * as for submits, {@code access_token_invalid} included (one new token, one more try).
   */
  @Override
  public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
    try {
      return new ExtendOutcome.Extended(api.extend(ref.id(), exchanges));
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }
}
