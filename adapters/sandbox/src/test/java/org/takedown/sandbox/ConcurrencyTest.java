package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  private static final int THREADS = 8;

  private static PartnerSandbox sandbox;
  private final SandboxHttp http = new SandboxHttp();

  @BeforeAll
  static void start() {
    sandbox = PartnerSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  private HttpResponse<String> createAtMeta(String reference) throws Exception {
    return http.postJson(
        sandbox.meta().baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests",
        MetaSimulator.ACCESS_TOKEN,
        toJson(Submissions.meta(reference)));
  }

  @Test
  void concurrentMetaCreatesWithTheSameExternalIdCreateOneRequest() throws Exception {
    String reference = UUID.randomUUID().toString();

    List<Map<String, Object>> answers =
        Concurrently.run(THREADS, i -> json(createAtMeta(reference)));

    assertEquals(1, answers.stream().map(a -> a.get("id")).distinct().count());
    assertEquals(THREADS - 1, answers.stream().filter(a -> a.containsKey("duplicate")).count());
    assertEquals(1, sandbox.meta().requestCount());
    assertEquals(THREADS, sandbox.meta().createCallsFor(reference));
  }

  @Test
  void concurrentTikTokCreatesWithTheSameClientReferenceCreateOneRequest() throws Exception {
    String token =
        (String)
            json(http.postForm(
                    sandbox.tiktok().baseUrl() + "/v2/oauth/token/",
                    Map.of(
                        "client_key", TikTokSimulator.CLIENT_KEY,
                        "client_secret", TikTokSimulator.CLIENT_SECRET,
                        "grant_type", "client_credentials")))
                .get("access_token");
    String reference = UUID.randomUUID().toString();

    List<HttpResponse<String>> answers =
        Concurrently.run(
            THREADS,
            i ->
                http.postJson(
                    sandbox.tiktok().baseUrl() + "/v2/legal/requests/",
                    token,
                    toJson(Submissions.tiktok(reference))));

    assertEquals(1, answers.stream().filter(a -> a.statusCode() == 200).count());
    assertEquals(THREADS - 1, answers.stream().filter(a -> a.statusCode() == 409).count());
    assertEquals(
        1, answers.stream().map(a -> object(json(a), "data").get("request_id")).distinct().count());
    assertEquals(1, sandbox.tiktok().requestCount());
    assertEquals(THREADS, sandbox.tiktok().createCallsFor(reference));
  }

  @Test
  void concurrentGoogleCreatesWithTheSameRequestIdReturnOneOperation() throws Exception {
    GoogleServiceAccountKey key =
        GoogleServiceAccountKey.read(sandbox.google().serviceAccountFile());
    String token =
        (String)
            json(http.postForm(
                    key.tokenUri(),
                    Map.of(
                        "grant_type",
                        GoogleApi.JWT_BEARER,
                        "assertion",
                        key.sign(key.claims(Instant.now()).build()))))
                .get("access_token");
    String requestId = UUID.randomUUID().toString();

    List<Map<String, Object>> operations =
        Concurrently.run(
            THREADS,
            i ->
                json(
                    http.postJson(
                        sandbox.google().baseUrl() + "/v1/legalRequests?requestId=" + requestId,
                        token,
                        toJson(Submissions.google()))));

    assertEquals(1, operations.stream().map(o -> o.get("name")).distinct().count());
    assertEquals(1, sandbox.google().requestCount());
    assertEquals(THREADS, sandbox.google().createCallsFor(requestId));
  }

  @Test
  void manyConcurrentCreatesAreEachCountedOnceAndDeduplicated() throws Exception {
    // 500 requests, each sent twice, from two pools at once: the gateway's two dispatchers.
    int requests = 500;
    List<String> references =
        java.util.stream.IntStream.range(0, requests)
            .mapToObj(i -> UUID.randomUUID().toString())
            .toList();

    List<Integer> statuses =
        Concurrently.run(
            2 * requests, 32, i -> createAtMeta(references.get(i % requests)).statusCode());

    assertEquals(Set.of(200), new HashSet<>(statuses));
    MetaSimulator meta = sandbox.meta();
    assertEquals(requests, meta.requestCount());
    assertEquals(2 * requests, meta.createCalls());
    assertEquals(Set.copyOf(references), meta.references());
    assertEquals(
        Set.of(2), references.stream().map(meta::createCallsFor).collect(Collectors.toSet()));
  }
}
