package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated TikTok API: client-credentials tokens at {@code /v2/oauth/token/}, {@code POST
 * /v2/legal/requests/} deduplicating on {@code client_reference}, the batch status query {@code
 * /v2/legal/requests/query/} and the preservation extension {@code /v2/legal/requests/extend/}.
 * Tokens live 7200 s on the sandbox clock. Status changes are delivered to {@code /webhooks/tiktok}
 * signed with {@code TikTok-Signature} over the {@link #CLIENT_SECRET}.
 */
public final class TikTokSimulator extends PartnerSimulator {

  /** The client key the token endpoint accepts. */
  public static final String CLIENT_KEY = "sandbox-tiktok-client-key";

  /** The client secret the token endpoint accepts (also the callback HMAC key). */
  public static final String CLIENT_SECRET = "sandbox-tiktok-client-secret";

  /** How long an access token is valid. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(7200);

  private static final String PARTNER = "tiktok";
  private static final String TOKEN = "token";
  private static final String QUERY = "query";
  private static final String EXTEND = "extend";
  private static final String TOKEN_PATH = "/v2/oauth/token/";
  private static final String CREATE_PATH = "/v2/legal/requests/";
  private static final String QUERY_PATH = "/v2/legal/requests/query/";
  private static final String EXTEND_PATH = "/v2/legal/requests/extend/";

  private final TokenRegistry tokens;
  private final TikTokApi api;

  TikTokSimulator(SandboxOptions options) {
    super(
        PARTNER,
        options.tiktokPort(),
        options,
        StateVocabulary.TIKTOK,
        new TikTokWebhook(CLIENT_KEY, CLIENT_SECRET));
    this.tokens = new TokenRegistry("clt.", TOKEN_LIFETIME, clock);
    this.api = new TikTokApi(CLIENT_KEY, CLIENT_SECRET, tokens, store, lifecycle(), clock);
  }

  /**
   * The JSON of a TikTok envelope with error {@code code}, e.g. for {@link #failNextCreates}:
   * {@code errorBody("internal_error", "Something went wrong")}.
   */
  public static String errorBody(String code, String message) {
    return TikTokEnvelope.body(Map.of(), code, message);
  }

  /**
   * Answers the next {@code calls} create calls with HTTP 429 {@code rate_limit_exceeded} and a
   * {@code Retry-After} of {@code retryAfter}, in whole seconds rounded up.
   */
  public void rateLimitNextCreates(int calls, Duration retryAfter) {
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    failNextCreates(
        calls,
        429,
        errorBody("rate_limit_exceeded", "Rate limit exceeded, retry later."),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * Rejects the request for {@code reference}, TikTok's word for {@link #decline}: {@code
   * NOT_FOUND} or {@code NO_VIOLATION}.
   */
  public SandboxRequest reject(String reference, String reason) {
    return decline(reference, reason);
  }

  /** Makes every access token issued so far invalid: the next call is answered 401. */
  public void invalidateTokens() {
    tokens.invalidateAll();
  }

  @Override
  public Map<String, String> gatewayProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(propertyKey(PARTNER, "base-url"), baseUrl());
    properties.put(propertyKey(PARTNER, "client-key"), CLIENT_KEY);
    properties.put(propertyKey(PARTNER, "client-secret"), CLIENT_SECRET);
    return Collections.unmodifiableMap(properties);
  }

  @Override
  List<MappingBuilder> stubs() {
    return List.of(
        routedTo(post(urlPathEqualTo(TOKEN_PATH)), TOKEN),
        routedTo(post(urlPathEqualTo(CREATE_PATH)), CREATE),
        routedTo(post(urlPathEqualTo(QUERY_PATH)), QUERY),
        routedTo(post(urlPathEqualTo(EXTEND_PATH)), EXTEND));
  }

  @Override
  Endpoint endpoint(String name) {
    return switch (name) {
      case TOKEN -> api::token;
      case CREATE -> api::create;
      case QUERY -> api::query;
      case EXTEND -> api::extend;
      default -> throw new IllegalArgumentException("no TikTok endpoint " + name);
    };
  }

  @Override
  String createPath() {
    return CREATE_PATH;
  }

  @Override
  boolean isExtendCall(Request request) {
    return request.getMethod().equals(RequestMethod.POST)
        && EndpointTransformer.path(request.getUrl()).equals(EXTEND_PATH);
  }

  @Override
  String extendedIdOf(Request request) {
    return isExtendCall(request) ? TikTokApi.textField(request, "request_id") : null;
  }

  @Override
  String referenceOf(Request request) {
    return TikTokApi.textField(request, "client_reference");
  }
}
