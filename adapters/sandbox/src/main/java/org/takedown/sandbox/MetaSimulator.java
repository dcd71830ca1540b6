package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The simulated Meta Graph API: {@code POST /{version}/{agency-id}/legal_requests} deduplicating on
 * {@code external_id}, {@code GET /{version}/{id}}, and the preservation extension {@code POST
 * /{version}/{id}/extensions}, all behind the sandbox access token. Status changes are delivered to
 * {@code /webhooks/meta} signed with {@code X-Hub-Signature-256} over the {@link #APP_SECRET}.
 */
public final class MetaSimulator extends PartnerSimulator {

  /** The Graph API version the sandbox serves. */
  public static final String API_VERSION = "v21.0";

  /** The agency's Graph id the sandbox accepts legal requests for. */
  public static final String AGENCY_ID = "100000000000001";

  /** The system-user token every call must carry. */
  public static final String ACCESS_TOKEN = "sandbox-meta-token";

  /** The webhook HMAC key the callbacks are signed with. */
  public static final String APP_SECRET = "sandbox-meta-app-secret";

  /** The webhook subscription verify token. */
  public static final String VERIFY_TOKEN = "sandbox-meta-verify-token";

  private static final String PARTNER = "meta";
  private static final String READ = "read";
  private static final String EXTEND = "extend";
  private static final String CREATE_PATH = "/" + API_VERSION + "/" + AGENCY_ID + "/legal_requests";
  private static final Pattern EXTEND_PATH =
      Pattern.compile("/" + Pattern.quote(API_VERSION) + "/([^/]+)/extensions");

  private final MetaApi api;

  MetaSimulator(SandboxOptions options) {
    super(
        PARTNER,
        options.metaPort(),
        options,
        StateVocabulary.META,
        new MetaWebhook(AGENCY_ID, APP_SECRET));
    this.api = new MetaApi(ACCESS_TOKEN, store, lifecycle(), clock);
  }

  /**
   * The JSON of a Graph error envelope with {@code code}, e.g. for {@link #failNextCreates}: {@code
   * errorBody(2, "Service temporarily unavailable")}.
   */
  public static String errorBody(int code, String message) {
    return MetaErrors.body(code, "OAuthException", 0, false, message);
  }

  /**
   * Answers the next {@code calls} create calls as Graph rate-limits: HTTP 400 with error code 4
   * (not 429), and the {@code X-Business-Use-Case-Usage} header announcing access again in {@code
   * regainAccessIn}, rounded up to whole minutes.
   */
  public void rateLimitNextCreates(int calls, Duration regainAccessIn) {
    long minutes = (regainAccessIn.toSeconds() + 59) / 60;
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("type", "legal_requests");
    usage.put("call_count", 100);
    usage.put("total_cputime", 25);
    usage.put("total_time", 25);
    usage.put("estimated_time_to_regain_access", minutes);
    failNextCreates(
        calls,
        400,
        errorBody(4, "(#4) Application request limit reached"),
        Map.of("X-Business-Use-Case-Usage", JsonText.write(Map.of(AGENCY_ID, List.of(usage)))));
  }

  @Override
  public Map<String, String> gatewayProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(propertyKey(PARTNER, "base-url"), baseUrl());
    properties.put(propertyKey(PARTNER, "api-version"), API_VERSION);
    properties.put(propertyKey(PARTNER, "agency-id"), AGENCY_ID);
    properties.put(propertyKey(PARTNER, "access-token"), ACCESS_TOKEN);
    properties.put(propertyKey(PARTNER, "app-secret"), APP_SECRET);
    properties.put(propertyKey(PARTNER, "verify-token"), VERIFY_TOKEN);
    return Collections.unmodifiableMap(properties);
  }

  @Override
  List<MappingBuilder> stubs() {
    return List.of(
        routedTo(post(urlPathEqualTo(CREATE_PATH)), CREATE),
        routedTo(get(urlPathMatching("/" + Pattern.quote(API_VERSION) + "/[^/]+")), READ),
        routedTo(post(urlPathMatching(EXTEND_PATH.pattern())), EXTEND));
  }

  @Override
  Endpoint endpoint(String name) {
    return switch (name) {
      case CREATE -> api::create;
      case READ -> api::read;
      case EXTEND -> api::extend;
      default -> throw new IllegalArgumentException("no Meta endpoint " + name);
    };
  }

  @Override
  String createPath() {
    return CREATE_PATH;
  }

  @Override
  String extendedIdOf(Request request) {
    return postPathGroup(request, EXTEND_PATH);
  }

  @Override
  String referenceOf(Request request) {
    return JsonText.parseObject(request.getBodyAsString())
        .map(body -> body.get("external_id"))
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .orElse(null);
  }
}
