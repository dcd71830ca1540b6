package org.takedown.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone sandbox's Meta partner, seen from the harness: its create endpoint (called
 * directly for the partner's raw speed), its call counter ({@code GET /__sandbox/stats}), and
 * WireMock's own admin API for a fixed answer delay and for an outage (a stub that answers every
 * create call with a 503, ahead of the simulator's stubs).
 */
final class MetaSandbox {

  // The sandbox's Meta profile (adapters/sandbox MetaSimulator): version, agency and token.
  static final String CREATE_PATH = "/v21.0/100000000000001/legal_requests";
  static final String ACCESS_TOKEN = "sandbox-meta-token";

  private final String baseUrl;

  MetaSandbox(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  HttpRequest create(String externalId) {
    String body =
        "{\"request_type\":\"CONTENT_REMOVAL\",\"content_url\":"
            + "\"https://www.facebook.com/permalink.php?story_fbid=1&id=2\","
            + "\"violation_type\":\"FRAUD_SCAM\",\"legal_basis\":\"Loi 103-13 art. 447-1\","
            + "\"case_reference\":\"BENCH\",\"emergency\":false,\"non_disclosure\":true,"
            + "\"requester\":{\"name\":\"Cdt. Bench\",\"email\":\"liaison@bnpj.test\"},"
            + "\"external_id\":\""
            + externalId
            + "\"}";
    return HttpRequest.newBuilder(URI.create(baseUrl + CREATE_PATH))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ACCESS_TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  long createCalls() throws Exception {
    String stats = get("/__sandbox/stats");
    Matcher matcher = Pattern.compile("\"createCalls\"\\s*:\\s*(\\d+)").matcher(stats);
    if (!matcher.find()) {
      throw new IllegalStateException("unexpected sandbox stats: " + stats);
    }
    return Long.parseLong(matcher.group(1));
  }

  /** Delays every answer of this partner by {@code millis} (WireMock's global fixed delay). */
  void delayAnswers(int millis) throws Exception {
    post("/__admin/settings", "{\"fixedDelay\":" + millis + "}");
  }

  /** Answers every create call with a 503 from now on; returns the stub id for {@link #up}. */
  String down() throws Exception {
    String stub =
        "{\"priority\":1,\"request\":{\"method\":\"POST\",\"urlPath\":\""
            + CREATE_PATH
            + "\"},\"response\":{\"status\":503,\"headers\":{\"Content-Type\":\"text/plain\"},"
            + "\"body\":\"Service Unavailable\"}}";
    String answer = post("/__admin/mappings", stub);
    Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
    if (!matcher.find()) {
      throw new IllegalStateException("unexpected WireMock answer: " + answer);
    }
    return matcher.group(1);
  }

  void up(String stubId) throws Exception {
    send(HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/mappings/" + stubId)).DELETE());
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  private String post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * One admin call on a connection of its own: a pooled one may have been closed by the sandbox
   * while idle (Jetty's idle timeout is 30 s, as long as the full run's outage between {@link
   * #down} and {@link #up}), and the JDK client then fails the call instead of sending it again.
   */
  private String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
