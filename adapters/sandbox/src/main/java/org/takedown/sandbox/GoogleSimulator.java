package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated Google legal requests API. At start it generates a service account and writes its
 * JSON key file ({@link #serviceAccountFile()}), whose {@code token_uri} is this simulator's {@code
 * /token}: the JWT bearer grant there accepts assertions signed with that key only. {@code POST
 * /v1/legalRequests?requestId=} returns a long-running operation (the same one for the same
 * requestId), polled at {@code GET /v1/operations/{name}}. Tokens live 3599 s on the sandbox clock.
 */
public final class GoogleSimulator extends PartnerSimulator {

  /** The OAuth scope the gateway asks for. */
  public static final String SCOPE = "https://www.googleapis.com/auth/legal-requests";

  /** The service account's e-mail, the {@code iss} of the gateway's assertions. */
  public static final String CLIENT_EMAIL = GoogleServiceAccount.CLIENT_EMAIL;

  /** How long an access token is valid. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);

  private static final String PARTNER = "google";
  private static final String TOKEN = "token";
  private static final String POLL = "poll";
  private static final String TOKEN_PATH = "/token";
  private static final String CREATE_PATH = "/v1/legalRequests";

  private final GoogleServiceAccount account = GoogleServiceAccount.generate();
  private final Path directory;
  private final TokenRegistry tokens;
  private final GoogleApi api;
  private volatile Path serviceAccountFile;

  GoogleSimulator(SandboxOptions options, Path directory) {
    super(PARTNER, options.googlePort(), options);
    this.directory = directory;
    this.tokens = new TokenRegistry("ya29.", TOKEN_LIFETIME, clock);
    GoogleAssertionVerifier assertions =
        new GoogleAssertionVerifier(
            account.publicKey(), account.privateKeyId(), CLIENT_EMAIL, this::tokenUri, clock);
    this.api = new GoogleApi(assertions, tokens, store, clock);
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
        routedTo(get(urlPathMatching("/v1/operations/[^/]+")), POLL));
  }

  @Override
  Endpoint endpoint(String name) {
    return switch (name) {
      case TOKEN -> api::token;
      case CREATE -> api::create;
      case POLL -> api::poll;
      default -> throw new IllegalArgumentException("no Google endpoint " + name);
    };
  }

  @Override
  boolean isCreateCall(Request request) {
    return request.getMethod().equals(RequestMethod.POST)
        && EndpointTransformer.path(request.getUrl()).equals(CREATE_PATH);
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
