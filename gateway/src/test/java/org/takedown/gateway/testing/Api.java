package org.takedown.gateway.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.takedown.contracts.Problem;

/**
 * The gateway's HTTP API as a client sees it: real HTTP, raw status, headers and JSON. Every
 * exchange is held against the OpenAPI document ({@link ContractValidator}): a request or an answer
 * it does not allow fails the test. A test that sends a request the document does not allow on
 * purpose says so with {@link #withInvalidRequest()}; the answer is checked all the same.
 */
public final class Api {

  private final HttpClient http;
  private final URI base;
  private final JsonMapper json;
  private final boolean requestDeliberatelyInvalid;

  public Api(URL base, JsonMapper json) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        URI.create(base.toString()),
        json,
        false);
  }

  private Api(HttpClient http, URI base, JsonMapper json, boolean requestDeliberatelyInvalid) {
    this.http = http;
    this.base = base;
    this.json = json;
    this.requestDeliberatelyInvalid = requestDeliberatelyInvalid;
  }

  /**
   * This client for requests that break the document on purpose (a missing token, a bad value, an
   * unknown route): their answers are still held against it.
   */
  public Api withInvalidRequest() {
    return new Api(http, base, json, true);
  }

  /** One answer; {@code json()} parses the body as a JSON object or array. */
  public record Answer(int status, HttpResponse<String> raw, JsonMapper mapper) {

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      try {
        return mapper.readValue(raw.body(), Argument.of(Map.class));
      } catch (IOException e) {
        throw new AssertionError("not a JSON object: " + raw.body(), e);
      }
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String member) {
      return (List<Map<String, Object>>) json().get(member);
    }

    /** The body read as {@code type}, a record of the contracts module (ContractRecords). */
    public <T> T as(Class<T> type) {
      try {
        return mapper.readValue(raw.body(), Argument.of(type));
      } catch (IOException e) {
        throw new AssertionError("not a " + type.getSimpleName() + ": " + raw.body(), e);
      }
    }

    /** The body as the RFC 9457 problem a client reads. */
    public Problem problem() {
      return as(Problem.class);
    }
  }

  /** The address of {@code path} on the gateway under test. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  public Answer post(String path, String token, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request, token, headers);
  }

  public Answer get(String path, String token, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token, headers);
  }

  public Answer send(HttpRequest.Builder request, String token, String... headers) {
    request.timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      check(built, response, response.body().getBytes(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new AssertionError("the gateway did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * {@code GET path} for an answer that is not text (a ZIP, an entry's exact bytes), checked
   * against the document as any other.
   */
  public HttpResponse<byte[]> download(String path, String token, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      check(built, response, response.body());
      return response;
    } catch (IOException e) {
      throw new AssertionError("the gateway did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void check(HttpRequest request, HttpResponse<?> response, byte[] body) {
    ContractValidator.get()
        .check(
            new ContractValidator.Exchange(
                request.method(),
                request.uri(),
                request.headers(),
                ContractValidator.bodyOf(request),
                response.statusCode(),
                response.headers(),
                body),
            requestDeliberatelyInvalid);
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
