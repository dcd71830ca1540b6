package org.takedown.gateway.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The gateway's HTTP API as a client sees it: real HTTP, raw status, headers and JSON. */
public final class Api {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final JsonMapper json;

  public Api(URL base, JsonMapper json) {
    this.base = URI.create(base.toString());
    this.json = json;
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
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new AssertionError("the gateway did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
