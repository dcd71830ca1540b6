package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The simulated Google legal requests API. At start it generates a service account and writes its
 * JSON key file ({@link #serviceAccountFile()}), whose {@code token_uri} is this simulator's {@code
 * /token}: the JWT bearer grant there accepts assertions signed with that key only. {@code POST
 * /v1/legalRequests?requestId=} returns a long-running operation (the same one for the same
 * requestId), polled at {@code GET /v1/operations/{name}}; {@code POST
 * /v1/legalRequests/{n}:extendPreservation} extends a preservation. Tokens live 3599 s on the
 * sandbox clock.
 *
 * <p>Status changes are pushed to {@code /webhooks/google} Pub/Sub style, with an OIDC token signed
 * by a push key made for this run, whose public half is served at {@link #pushJwksUri()}. The
 * gateway learns of a muted change ({@link #muteCallbacks(String)}) by polling only.
 */
public final class GoogleSimulator extends PartnerSimulator {

  /** The OAuth scope the gateway asks for. */
  public static final String SCOPE = "https://www.googleapis.com/auth/legal-requests";

  /** The service account's e-mail, the {@code iss} of the gateway's assertions. */
  public static final String CLIENT_EMAIL = GoogleServiceAccount.CLIENT_EMAIL;

  /** How long an access token is valid. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);

  /** The {@code aud} of the push tokens, the gateway's {@code push-audience}. */
  public static final String PUSH_AUDIENCE = GooglePushIdentity.AUDIENCE;

  /** The {@code email} of the push tokens, the gateway's {@code push-service-account}. */
  public static final String PUSH_SERVICE_ACCOUNT = GooglePushIdentity.SERVICE_ACCOUNT;

  private static final String PARTNER = "google";
  private static final String TOKEN = "token";
  private static final String POLL = "poll";
  private static final String EXTEND = "extend";
  private static final String JWKS = "push-jwks";
  private static final String TOKEN_PATH = "/token";
  private static final String CREATE_PATH = "/v1/legalRequests";
  private static final String JWKS_PATH = "/push/jwks.json";
  private static final Pattern EXTEND_PATH =
      Pattern.compile("/v1/(legalRequests/[^/:]+):extendPreservation");

  private final GoogleServiceAccount account = GoogleServiceAccount.generate();
  private final Path directory;
  private final TokenRegistry tokens;
  private final GoogleApi api;
  private final GooglePushIdentity push;
  private volatile Path serviceAccountFile;

  GoogleSimulator(SandboxOptions options, Path directory) {
    this(options, directory, new GooglePushIdentity(options.googlePushIssuer()));
  }

  private GoogleSimulator(SandboxOptions options, Path directory, GooglePushIdentity push) {
    super(PARTNER, options.googlePort(), options, StateVocabulary.GOOGLE, new GooglePush(push));
    this.push = push;
    this.directory = directory;
    this.tokens = new TokenRegistry("ya29.", TOKEN_LIFETIME, clock);
    GoogleAssertionVerifier assertions =
        new GoogleAssertionVerifier(
            account.publicKey(), account.privateKeyId(), CLIENT_EMAIL, this::tokenUri, clock);
    this.api = new GoogleApi(assertions, tokens, store, lifecycle(), clock);
  }

  /**
   * The JSON of a Google error envelope, e.g. for {@link #failNextCreates}: {@code errorBody(503,
   * "UNAVAILABLE", "The service is currently unavailable.")}.
   */
  public static String errorBody(int code, String status, String message) {
    return GoogleErrors.body(code, status, message, List.of());
  }

  /**
   * Answers the next {@code calls} create calls with HTTP 429 RESOURCE_EXHAUSTED carrying a {@code
   * google.rpc.RetryInfo} of {@code retryDelay}.
   */
  public void rateLimitNextCreates(int calls, Duration retryDelay) {
    Map<String, Object> retryInfo = new LinkedHashMap<>();
    retryInfo.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
    retryInfo.put("retryDelay", protoDuration(retryDelay));
    failNextCreates(
        calls,
        429,
        GoogleErrors.body(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", List.of(retryInfo)));
  }

  /**
   * Resolves the request for {@code reference}, Google's word for {@link #complete}: {@code
   * REMOVED}, {@code RESTRICTED}, {@code PRESERVED}, {@code NOT_FOUND} or {@code NO_ACTION}.
   */
  public SandboxRequest resolve(String reference, String resolution) {
    return complete(reference, resolution);
  }

  /** Where the push key set is served, the gateway's {@code push-jwks-uri}. */
  public String pushJwksUri() {
    return baseUrl() + JWKS_PATH;
  }

  /** The {@code iss} of the push tokens, the gateway's {@code push-issuer}. */
  public String pushIssuer() {
    return push.issuer();
  }

  /** The {@code kid} of the key that signs push tokens now. */
  public String pushKeyId() {
    return push.keyId();
  }

  /**
   * Signs push tokens with a new key from now on. The key set keeps publishing the previous key
   * too, so a gateway that cached it meets an unknown {@code kid} and must fetch it again.
   */
  public void rotatePushKey() {
    push.rotate();
  }

  /** Makes every access token issued so far invalid: the next call is answered 401. */
  public void invalidateTokens() {
    tokens.invalidateAll();
  }

  /** The generated service-account key file, the gateway's {@code service-account-file}. */
  public Path serviceAccountFile() {
    return serviceAccountFile;
  }

  /** The {@code private_key_id} of the key file, the {@code kid} assertions must carry. */
  public String privateKeyId() {
    return account.privateKeyId();
  }

  /** The token endpoint, the key file's {@code token_uri} and the assertions' audience. */
  public String tokenUri() {
    return baseUrl() + TOKEN_PATH;
  }

  @Override
  public Map<String, String> gatewayProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(propertyKey(PARTNER, "base-url"), baseUrl());
    properties.put(propertyKey(PARTNER, "service-account-file"), serviceAccountFile.toString());
    properties.put(propertyKey(PARTNER, "scope"), SCOPE);
    properties.put(propertyKey(PARTNER, "push-audience"), PUSH_AUDIENCE);
    properties.put(propertyKey(PARTNER, "push-service-account"), PUSH_SERVICE_ACCOUNT);
    properties.put(propertyKey(PARTNER, "push-jwks-uri"), pushJwksUri());
    properties.put(propertyKey(PARTNER, "push-issuer"), push.issuer());
    return Collections.unmodifiableMap(properties);
  }

  @Override
  void started() {
    serviceAccountFile = account.writeKeyFile(directory, tokenUri());
  }

  @Override
  List<MappingBuilder> stubs() {
    return List.of(
        routedTo(post(urlPathEqualTo(TOKEN_PATH)), TOKEN),
        routedTo(post(urlPathEqualTo(CREATE_PATH)), CREATE),
        routedTo(get(urlPathMatching("/v1/operations/[^/]+")), POLL),
        routedTo(post(urlPathMatching(EXTEND_PATH.pattern())), EXTEND),
        routedTo(get(urlPathEqualTo(JWKS_PATH)), JWKS));
  }

  @Override
  Endpoint endpoint(String name) {
    return switch (name) {
      case TOKEN -> api::token;
      case CREATE -> api::create;
      case POLL -> api::poll;
      case EXTEND -> api::extendPreservation;
      case JWKS -> request -> JsonResponse.of(200, push.jwks());
      default -> throw new IllegalArgumentException("no Google endpoint " + name);
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
    return GoogleApi.requestId(request).orElse(null);
  }

  /** A protobuf Duration in its JSON form, e.g. {@code 30s} or {@code 1.5s}. */
  private static String protoDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? (millis / 1000) + "s"
        : String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
  }
}
