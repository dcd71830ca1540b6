package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerRef;

/**
 * TikTok's legal-request endpoints behind a bearer token: sends a call, unwraps the envelope, and
 * turns every answer that is not a success into the failure {@link TikTokErrors} classifies it as,
 * thrown as a {@link PartnerFailureException}. An answer {@code access_token_invalid} gets one
 * retry with a new token.
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
class TikTokApi {

  static final String CREATE_PATH = "/v2/legal/requests/";
  static final String QUERY_PATH = "/v2/legal/requests/query/";
  static final String EXTEND_PATH = "/v2/legal/requests/extend/";

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Argument<Envelope<CreatedRequestData>> CREATED =
      (Argument) Argument.of(Envelope.class, CreatedRequestData.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Argument<Envelope<QueryData>> QUERIED =
      (Argument) Argument.of(Envelope.class, QueryData.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Argument<Envelope<ExtendedData>> EXTENDED =
      (Argument) Argument.of(Envelope.class, ExtendedData.class);

  private final TikTokHttp http;
  private final TikTokTokens tokens;
  private final JsonMapper json;

  TikTokApi(TikTokHttp http, TikTokTokens tokens, JsonMapper json) {
    this.http = http;
    this.tokens = tokens;
    this.json = json;
  }

  /** TikTok's id for a created request, and whether TikTok already had it. */
  record Created(String requestId, boolean duplicate) {}

  Created create(CreateRequestBody body, ExchangeLog exchanges) throws PartnerFailureException {
    Envelope<CreatedRequestData> envelope = post(CREATE_PATH, body, CREATED, List.of(), exchanges);
    CreatedRequestData data = envelope.data();
    if (data == null || data.requestId() == null || data.requestId().isBlank()) {
      // Resending is safe: TikTok finds the request by its client_reference.
      throw unknown(
          "TikTok answered %s with no data.request_id"
              .formatted(envelope.code() == null ? "the create call" : envelope.code()));
    }
    return new Created(data.requestId(), TikTokErrors.DUPLICATE_REQUEST.equals(envelope.code()));
  }

  /** The status entries TikTok returns for {@code requestIds}; ids it does not know are absent. */
  List<QueryData.RequestStatus> query(List<String> requestIds, ExchangeLog exchanges)
      throws PartnerFailureException {
    Envelope<QueryData> envelope =
        post(
            QUERY_PATH,
            new QueryBody(requestIds),
            QUERIED,
            requestIds.stream().map(PartnerRef::of).toList(),
            exchanges);
    QueryData data = envelope.data();
    if (data == null || data.requests() == null) {
      throw unknown("TikTok answered the status query with no data.requests");
    }
    return data.requests();
  }

  /** Until when TikTok now preserves the data of {@code requestId}, after a 90-day extension. */
  Instant extend(String requestId, ExchangeLog exchanges) throws PartnerFailureException {
    Envelope<ExtendedData> envelope =
        post(
            EXTEND_PATH,
            new ExtendBody(requestId),
            EXTENDED,
            List.of(PartnerRef.of(requestId)),
            exchanges);
    ExtendedData data = envelope.data();
    if (data == null || data.preserveExpireTime() == null) {
      throw unknown("TikTok answered the extension with no data.preserve_expire_time");
    }
    try {
      return Instant.ofEpochSecond(data.preserveExpireTime());
    } catch (DateTimeException beyondAnyDate) {
      throw unknown("TikTok answered the extension with a preserve_expire_time beyond any date");
    }
  }

  private <D> Envelope<D> post(
      String path,
      Object body,
      Argument<Envelope<D>> type,
      List<PartnerRef> refs,
      ExchangeLog exchanges)
      throws PartnerFailureException {
    byte[] request = write(body);
    String token = tokens.current();
    Reply<D> reply = send(path, token, request, type, refs, exchanges);
    if (reply.isAccessTokenInvalid()) {
      reply = send(path, tokens.replace(token), request, type, refs, exchanges);
      if (reply.isAccessTokenInvalid()) {
        throw new PartnerFailureException(
            new PartnerFailure.Unauthorized(
                "TikTok error access_token_invalid over HTTP %d, also with a new token"
                    .formatted(reply.answer().status())));
      }
    }
    return reply.envelopeOrFailure();
  }

  /**
   * One call, reported to {@code exchanges} whether answered or not; the token travels in the
   * Authorization header, which is never reported, and token grants are not reported at all.
   */
  private <D> Reply<D> send(
      String path,
      String token,
      byte[] request,
      Argument<Envelope<D>> type,
      List<PartnerRef> refs,
      ExchangeLog exchanges)
      throws PartnerFailureException {
    TikTokHttp.Answer answer;
    try {
      answer = http.postJson(path, token, request);
    } catch (PartnerFailureException noAnswer) {
      exchanges.exchanged(
          new PartnerExchange(
              "POST", http.target(path), request, PartnerExchange.NO_ANSWER, new byte[0], refs));
      throw noAnswer;
    }
    exchanges.exchanged(
        new PartnerExchange(
            "POST", http.target(path), request, answer.status(), answer.body(), refs));
    return new Reply<>(path, answer, read(answer.body(), type));
  }

  private byte[] write(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a TikTok request body", e);
    }
  }

  @Nullable
  private <D> Envelope<D> read(byte[] body, Argument<Envelope<D>> type) {
    if (body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, type);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** One answer and its envelope, null when the body was not a readable envelope. */
  private record Reply<D>(String path, TikTokHttp.Answer answer, @Nullable Envelope<D> envelope) {

    boolean isAccessTokenInvalid() {
      return envelope != null && TikTokErrors.ACCESS_TOKEN_INVALID.equals(envelope.code());
    }

    Envelope<D> envelopeOrFailure() throws PartnerFailureException {
      if (envelope == null) {
        if (answer.isSuccess()) {
          throw unknown(
              "TikTok answer to %s over HTTP %d is unreadable".formatted(path, answer.status()));
        }
        throw new PartnerFailureException(TikTokErrors.classify(answer, null));
      }
      String code = envelope.code();
      if (TikTokErrors.DUPLICATE_REQUEST.equals(code)) {
        return envelope;
      }
      // A 2xx envelope without an error part is taken as TikTok's "ok".
      if (answer.isSuccess() && (code == null || Envelope.OK.equals(code))) {
        return envelope;
      }
      throw new PartnerFailureException(TikTokErrors.classify(answer, envelope));
    }
  }

  /** A success that lacks what it must carry: whether TikTok acted is not known. */
  private static PartnerFailureException unknown(String reason) {
    return new PartnerFailureException(new PartnerFailure.UnknownOutcome(reason));
  }
}
