package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The Google profile: the JWT bearer token grant, create returning a long-running operation
 * (AIP-155: the same requestId returns the same operation), the operation poll, and the
 * preservation extension.
 */
final class GoogleApi {

  static final String RECEIVED = "RECEIVED";
  static final String RESOLVED = "RESOLVED";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private static final String LEGAL_REQUESTS = "legalRequests/";
  private static final String OPERATIONS = "operations/lr-";
  private static final Set<String> REQUEST_TYPES = Set.of("REMOVAL", "PRESERVATION");
  private static final Set<String> PRODUCTS =
      Set.of("YOUTUBE", "BLOGGER", "DRIVE", "MAPS", "PLAY", "OTHER");
  private static final Set<String> CATEGORIES =
      Set.of(
          "FINANCIAL_SCAM",
          "SEXUAL_EXTORTION",
          "HARASSMENT",
          "THREATS",
          "VIOLENT_EXTREMISM",
          "CSAM",
          "HATE",
          "OTHER");

  private final GoogleAssertionVerifier assertions;
  private final TokenRegistry tokens;
  private final RequestStore store;
  private final RequestLifecycle lifecycle;
  private final Clock clock;
  private final IdSequence ids = new IdSequence(100_000_000L, 1_000_000_000L);

  GoogleApi(
      GoogleAssertionVerifier assertions,
      TokenRegistry tokens,
      RequestStore store,
      RequestLifecycle lifecycle,
      Clock clock) {
    this.assertions = assertions;
    this.tokens = tokens;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** {@code POST /token}, form grant_type (JWT bearer) and assertion. */
  ResponseDefinition token(Request request) {
    Map<String, String> form;
    try {
      form = FormBody.parse(request.getBodyAsString());
    } catch (IllegalArgumentException e) {
      throw GoogleErrors.oauthError("invalid_request", "The form body is malformed.");
    }
    String grantType = form.get("grant_type");
    if (!JWT_BEARER.equals(grantType)) {
      throw GoogleErrors.oauthError("unsupported_grant_type", "Invalid grant_type: " + grantType);
    }
    String assertion = form.get("assertion");
    if (assertion == null || assertion.isBlank()) {
      throw GoogleErrors.oauthError("invalid_request", "Missing required parameter: assertion");
    }
    assertions.verify(assertion);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue());
    answer.put("expires_in", tokens.lifetime().toSeconds());
    answer.put("token_type", "Bearer");
    return JsonResponse.of(200, answer);
  }

  /** {@code POST /v1/legalRequests?requestId=...}: the operation creating the legal request. */
  ResponseDefinition create(Request request) {
    authorize(request);
    String requestId =
        requestId(request)
            .orElseThrow(() -> GoogleErrors.invalidArgument("requestId is required."));
    Map<String, Object> body =
        JsonText.parseObject(request.getBodyAsString())
            .orElseThrow(
                () -> GoogleErrors.invalidArgument("The request body must be a JSON object."));
    requiredText(body, "contentUri");
    oneOf(body, "requestType", REQUEST_TYPES, true);
    oneOf(body, "product", PRODUCTS, false);
    oneOf(body, "category", CATEGORIES, false);

    Instant now = clock.instant();
    SandboxRequest legalRequest =
        store
            .createIfAbsent(
                requestId,
                () ->
                    SandboxRequest.received(
                        LEGAL_REQUESTS + ids.next(), requestId, RECEIVED, body, now))
            .request();
    return JsonResponse.of(200, operation(legalRequest));
  }

  /** {@code GET /v1/operations/{operation}}. */
  ResponseDefinition poll(Request request) {
    authorize(request);
    String path = EndpointTransformer.path(request.getUrl());
    String name = path.substring("/v1/".length());
    SandboxRequest legalRequest =
        legalRequestOf(name)
            .flatMap(store::byId)
            .orElseThrow(() -> GoogleErrors.notFound("Operation " + name + " not found."));
    return JsonResponse.of(200, operation(legalRequest));
  }

  /**
   * {@code POST /v1/legalRequests/{n}:extendPreservation}: the LegalRequest preserved 90 days
   * longer; FAILED_PRECONDITION for one that preserves nothing.
   */
  ResponseDefinition extendPreservation(Request request) {
    authorize(request);
    String path = EndpointTransformer.path(request.getUrl());
    String name = path.substring("/v1/".length(), path.lastIndexOf(':'));
    SandboxRequest extended;
    try {
      extended = lifecycle.extend(name);
    } catch (NoSuchElementException e) {
      throw GoogleErrors.notFound("Legal request " + name + " not found.");
    } catch (IllegalStateException e) {
      throw GoogleErrors.failedPrecondition(capitalised(e.getMessage()) + ".");
    }
    return JsonResponse.of(200, legalRequest(extended));
  }

  /**
   * The name of the operation creating the legal request {@code legalRequestId}: its number in hex,
   * so that each names the other without a second index.
   */
  static String operationName(String legalRequestId) {
    long number = Long.parseLong(legalRequestId.substring(LEGAL_REQUESTS.length()));
    return OPERATIONS + Long.toHexString(number);
  }

  /** The request id of the call, when it carries a non-blank one. */
  static Optional<String> requestId(Request request) {
    QueryParameter requestId = request.queryParameter("requestId");
    return requestId.isPresent() && !requestId.firstValue().isBlank()
        ? Optional.of(requestId.firstValue())
        : Optional.empty();
  }

  /**
   * The operation creating {@code legalRequest}: running while the request is received or under
   * review, done with the resolved LegalRequest as its {@code response} once resolved.
   */
  private static Map<String, Object> operation(SandboxRequest legalRequest) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("legalRequest", legalRequest.id());
    metadata.put("state", legalRequest.status());
    metadata.put("createTime", legalRequest.createdAt().toString());
    metadata.put("updateTime", legalRequest.updatedAt().toString());
    boolean done = RESOLVED.equals(legalRequest.status());
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("name", operationName(legalRequest.id()));
    operation.put("done", done);
    operation.put("metadata", metadata);
    if (done) {
      operation.put("response", legalRequest(legalRequest));
    }
    return operation;
  }

  /** The LegalRequest resource; {@code resolution} and {@code preserveUntil} once they exist. */
  private static Map<String, Object> legalRequest(SandboxRequest legalRequest) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("name", legalRequest.id());
    resource.put("state", legalRequest.status());
    if (legalRequest.outcome() != null) {
      resource.put("resolution", legalRequest.outcome());
    }
    if (legalRequest.preservedUntil() != null) {
      resource.put("preserveUntil", legalRequest.preservedUntil().toString());
    }
    resource.put("createTime", legalRequest.createdAt().toString());
    resource.put("updateTime", legalRequest.updatedAt().toString());
    return resource;
  }

  private static String capitalised(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  private static Optional<String> legalRequestOf(String operationName) {
    if (!operationName.startsWith(OPERATIONS)) {
      return Optional.empty();
    }
    try {
      long number = Long.parseLong(operationName.substring(OPERATIONS.length()), 16);
      return Optional.of(LEGAL_REQUESTS + number);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void authorize(Request request) {
    if (!Credentials.bearerToken(request).map(tokens::isValid).orElse(false)) {
      throw GoogleErrors.unauthenticated();
    }
  }

  private static String requiredText(Map<String, Object> body, String field) {
    if (!(body.get(field) instanceof String text) || text.isBlank()) {
      throw GoogleErrors.invalidArgument(field + " is required.");
    }
    return text;
  }

  private static void oneOf(
      Map<String, Object> body, String field, Set<String> allowed, boolean required) {
    if (!required && body.get(field) == null) {
      return;
    }
    if (!allowed.contains(requiredText(body, field))) {
      throw GoogleErrors.invalidArgument(
          "Invalid value for " + field + ": must be one of " + allowed.stream().sorted().toList());
    }
  }
}
