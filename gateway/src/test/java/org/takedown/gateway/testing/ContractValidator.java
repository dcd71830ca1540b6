package org.takedown.gateway.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds every exchange a test has with the gateway against the OpenAPI document clients read
 * ({@code contracts}, {@code openapi/takedown-gateway.yml}), so that an answer with a field, a
 * status or a content type the document does not state fails the test that received it, and so does
 * a request the document does not allow, unless the test says that it sends it on purpose.
 *
 * <p>In scope: every path under {@code /api/} and every other path the document lists ({@code
 * /webhooks/*}, {@code /health}, {@code /metrics}, {@code /openapi.yml}). The console's pages and
 * assets are not part of the API and are not checked. Objects in the document admit no member it
 * does not list (the validator's default): a field the server adds must be documented first.
 *
 * <p>An answer to a deliberately invalid request is held against the operation all the same; when
 * the request names no operation at all (no route, a method the path does not take), the answer
 * must be the 404 or 405 problem the document promises for it. A 414 or 431, which the document
 * states once for every operation in its table of errors, must be a problem.
 */
public final class ContractValidator {

  private static final String DOCUMENT = "openapi/takedown-gateway.yml";

  /**
   * Answers that any operation may give before it is even chosen (a request line over 4096 bytes,
   * header fields over 8192): the document states them once, in its table of errors, rather than on
   * each operation, so they are held to that: a problem.
   */
  private static final Set<Integer> TRANSPORT_LIMITS = Set.of(414, 431);

  private static final ContractValidator INSTANCE = new ContractValidator();

  /** Path templates of the document, as patterns, to tell its paths from the console's. */
  private final List<Pattern> documented;

  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;
  private final SchemaValidator schemas;

  private ContractValidator() {
    // the validator reads the document restated in 3.0 (AsOpenApi30); the model the fixture reads
    // itself is parsed from the same text, as parsing the 3.1 original first changes how the
    // validator's parser reads parameter schemas afterwards
    String text = AsOpenApi30.of(read());
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
    if (parsed.getOpenAPI() == null) {
      throw new IllegalStateException(
          "the OpenAPI document does not parse: " + parsed.getMessages());
    }
    api = parsed.getOpenAPI();
    schemas = new SchemaValidator(api, new MessageResolver(LevelResolver.create().build()));
    documented =
        api.getPaths().keySet().stream()
            .map(path -> Pattern.compile(path.replaceAll("\\{[^/]+}", "[^/]+")))
            .toList();
  }

  /** The one validator of the test JVM: the document is parsed once. */
  public static ContractValidator get() {
    return INSTANCE;
  }

  /** Whether the document covers {@code path}: the API, or another path it lists. */
  public boolean covers(String path) {
    return path.startsWith("/api/") || documented.stream().anyMatch(p -> p.matcher(path).matches());
  }

  /**
   * One exchange as the test's client saw it. {@code requestBody} and {@code answerBody} are the
   * exact bytes (null: none).
   */
  public record Exchange(
      String method,
      URI uri,
      HttpHeaders requestHeaders,
      byte[] requestBody,
      int status,
      HttpHeaders answerHeaders,
      byte[] answerBody) {}

  /**
   * Fails with every disagreement between {@code exchange} and the document: the request's (unless
   * {@code requestDeliberatelyInvalid}), then the answer's. Does nothing for a path the document
   * does not cover.
   */
  public void check(Exchange exchange, boolean requestDeliberatelyInvalid) {
    String path = exchange.uri().getRawPath();
    if (!covers(path)) {
      return;
    }
    Request request = request(exchange);
    List<String> violations = new ArrayList<>();
    if (!requestDeliberatelyInvalid) {
      describe(validator.validateRequest(request), violations);
      if (!violations.isEmpty()) {
        violations.add(
            0,
            "the request breaks the document (a test that sends it on purpose says so:"
                + " Api.withInvalidRequest()):");
      }
    }
    SimpleResponse answer = answer(exchange);
    List<String> answerViolations = new ArrayList<>();
    if (TRANSPORT_LIMITS.contains(exchange.status())) {
      checkProblem(exchange, answerViolations);
    } else if (operation(path, exchange.method()).isPresent()) {
      ValidationReport report = validator.validateResponse(path, request.getMethod(), answer);
      if (emptyNonJson(exchange)) {
        // the validator takes zero bytes for no body; a schema of type string admits them
        report =
            ValidationReport.from(
                report.getMessages().stream()
                    .filter(m -> !m.getKey().equals("validation.response.body.missing"))
                    .toList());
      }
      describe(report, answerViolations);
    } else {
      checkNoRoute(exchange, answerViolations);
    }
    if (!answerViolations.isEmpty()) {
      violations.add("the answer breaks the document:");
      violations.addAll(answerViolations);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "OpenAPI contract: "
              + exchange.method()
              + " "
              + path
              + operation(path, exchange.method()).map(id -> " (" + id + ")").orElse("")
              + " answered "
              + exchange.status()
              + "\n  "
              + String.join("\n  ", violations)
              + "\n  answer body: "
              + abbreviated(exchange));
    }
  }

  /**
   * {@link #check} for a request written byte for byte ({@link RawHttp}): never held to the
   * document. A target that is not even a URI (a request line of 100 KB, a control character) names
   * no operation; its answer must still be one of the document's problems.
   */
  public void checkRaw(
      String method,
      String target,
      HttpHeaders requestHeaders,
      byte[] requestBody,
      int status,
      HttpHeaders answerHeaders,
      byte[] answerBody) {
    URI uri;
    try {
      uri = URI.create("http://gateway" + target);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    Exchange exchange =
        new Exchange(
            method,
            uri == null ? URI.create("http://gateway/unreadable-target") : uri,
            requestHeaders,
            requestBody,
            status,
            answerHeaders,
            answerBody);
    if (uri != null) {
      check(exchange, true);
      return;
    }
    List<String> violations = new ArrayList<>();
    checkProblem(exchange, violations);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "OpenAPI contract: "
              + method
              + " (an unreadable request target) answered "
              + status
              + "\n  "
              + String.join("\n  ", violations)
              + "\n  answer body: "
              + abbreviated(exchange));
    }
  }

  /** An answer to a path or method the document does not list: the promised 404/405 problem. */
  private void checkNoRoute(Exchange exchange, List<String> violations) {
    int status = exchange.status();
    if (status != 404 && status != 405 && status != 401 && status != 400) {
      violations.add(
          "no operation of the document matches, yet the answer is "
              + status
              + " (expected the 404 or 405 problem)");
      return;
    }
    checkProblem(exchange, violations);
  }

  /** A 4xx or 5xx answer as the document states every one: an RFC 9457 problem. */
  private void checkProblem(Exchange exchange, List<String> violations) {
    if (exchange.status() < 400) {
      violations.add("a " + exchange.status() + " where the document promises a problem");
      return;
    }
    String type = exchange.answerHeaders().firstValue("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
      violations.add("Content-Type " + type + " instead of application/problem+json");
      return;
    }
    describe(
        schemas.validate(
            new String(exchange.answerBody(), StandardCharsets.UTF_8),
            api.getComponents().getSchemas().get("Problem"),
            "response.body"),
        violations);
  }

  private static boolean emptyNonJson(Exchange exchange) {
    String type = exchange.answerHeaders().firstValue("Content-Type").orElse("");
    return exchange.answerBody() != null
        && exchange.answerBody().length == 0
        && !type.isEmpty()
        && !type.contains("json");
  }

  /** The operationId that {@code method path} names, if the document has one. */
  private Optional<String> operation(String path, String method) {
    for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
      if (Pattern.matches(entry.getKey().replaceAll("\\{[^/]+}", "[^/]+"), path)) {
        PathItem.HttpMethod httpMethod;
        try {
          httpMethod = PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
        return Optional.ofNullable(entry.getValue().readOperationsMap().get(httpMethod))
            .map(operation -> operation.getOperationId());
      }
    }
    return Optional.empty();
  }

  private static void describe(ValidationReport report, List<String> violations) {
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      StringBuilder line = new StringBuilder("- [" + message.getKey() + "] ");
      message
          .getContext()
          .flatMap(ValidationReport.MessageContext::getParameter)
          .ifPresent(
              parameter -> line.append("parameter ").append(parameter.getName()).append(": "));
      line.append(message.getMessage());
      message
          .getContext()
          .flatMap(ValidationReport.MessageContext::getPointers)
          .ifPresent(pointers -> line.append(" at ").append(pointers.getInstance()));
      for (String info : message.getAdditionalInfo()) {
        line.append("\n      ").append(info);
      }
      for (ValidationReport.Message nested : message.getNestedMessages()) {
        line.append("\n      ").append(nested.getMessage());
      }
      violations.add(line.toString());
    }
  }

  private static Request request(Exchange exchange) {
    URI uri = exchange.uri();
    SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
    exchange.requestHeaders().map().forEach(request::withHeader);
    if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
      request.withBody(exchange.requestBody());
    }
    if (uri.getRawQuery() != null) {
      Map<String, List<String>> query =
          Arrays.stream(uri.getRawQuery().split("&"))
              .filter(pair -> !pair.isEmpty())
              .collect(
                  Collectors.groupingBy(
                      pair ->
                          decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair),
                      LinkedHashMap::new,
                      Collectors.mapping(
                          pair ->
                              pair.contains("=")
                                  ? decode(pair.substring(pair.indexOf('=') + 1))
                                  : "",
                          Collectors.toList())));
      query.forEach(request::withQueryParam);
    }
    return request.build();
  }

  private static SimpleResponse answer(Exchange exchange) {
    SimpleResponse.Builder answer = new SimpleResponse.Builder(exchange.status());
    exchange.answerHeaders().map().forEach(answer::withHeader);
    // an empty body with a Content-Type is a body (a custody entry whose content is no bytes)
    if (exchange.answerBody() != null
        && (exchange.answerBody().length > 0
            || exchange.answerHeaders().firstValue("Content-Type").isPresent())) {
      answer.withBody(exchange.answerBody());
    }
    return answer.build();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String abbreviated(Exchange exchange) {
    if (exchange.answerBody() == null) {
      return "(none)";
    }
    String type = exchange.answerHeaders().firstValue("Content-Type").orElse("");
    if (!type.contains("json") && !type.startsWith("text/")) {
      return exchange.answerBody().length + " bytes of " + type;
    }
    String body = new String(exchange.answerBody(), StandardCharsets.UTF_8);
    return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
  }

  /**
   * The bytes a request's body publisher sends: the JDK's publishers of strings and byte arrays
   * deliver them again to each subscriber, at once.
   */
  public static byte[] bodyOf(HttpRequest request) {
    if (request.bodyPublisher().isEmpty()) {
      return null;
    }
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    request
        .bodyPublisher()
        .get()
        .subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
              }

              @Override
              public void onError(Throwable throwable) {
                body.completeExceptionally(throwable);
              }

              @Override
              public void onComplete() {
                body.complete(bytes.toByteArray());
              }
            });
    try {
      return body.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the request body back", e);
    }
  }

  private static String read() {
    try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is not on the classpath (contracts module)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
