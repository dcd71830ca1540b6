package org.takedown.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * {@code GET /api/v1/requests}' filters beyond the contract's (issue #17): the creation range, the
 * partner's reference, the content URL (canonicalised as intake does) and the content id, each an
 * exact match, alone and with the others.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSearchIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  Requests requests;
  final String officer = TestTokens.get().officer("officer-1");
  String caseRef;
  List<Map<String, Object>> created;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void requestsAtThePartners() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    caseRef = "EIB-SEARCH-" + UUID.randomUUID();
    // TikTok takedown and preservation of one video, an Instagram reel, a YouTube video
    created = requests.submit(Cases.sample(caseRef));
    requests.submit(Cases.oneItem(Platform.TIKTOK, "TAKEDOWN"));
    requests.submit(Cases.spread("EIB-SEARCH-OTHER-" + UUID.randomUUID(), 6));
    for (Map<String, Object> request : created) {
      requests.awaitStatus(request.get("id"), "SUBMITTED");
    }
  }

  private List<String> ids(String query) {
    Api.Answer answer = api.get("/api/v1/requests?limit=200&" + query, officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.list("items").stream().map(r -> (String) r.get("id")).toList();
  }

  private List<String> every() {
    Api.Answer answer = api.get("/api/v1/requests?limit=200", officer);
    return answer.list("items").stream().map(r -> (String) r.get("id")).toList();
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String idOf(String platform, String action) {
    return created.stream()
        .filter(r -> r.get("platform").equals(platform) && r.get("action").equals(action))
        .map(r -> (String) r.get("id"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void findsARequestByItsPartnerReferenceUnderAnyPartnerOrTheOneNamed() {
    String id = idOf("META", "TAKEDOWN");
    String partnerRef = (String) requests.get(id).get("partnerRef");

    assertEquals(List.of(id), ids("partnerRef=" + encoded(partnerRef)));
    assertEquals(List.of(id), ids("platform=META&partnerRef=" + encoded(partnerRef)));
    assertEquals(List.of(), ids("platform=TIKTOK&partnerRef=" + encoded(partnerRef)));
    assertEquals(List.of(), ids("partnerRef=" + encoded(partnerRef.substring(1))), "exactly");
  }

  @Test
  void findsTheRequestsOfAUrlHoweverABrowserWroteIt() {
    Set<String> video = Set.of(idOf("TIKTOK", "TAKEDOWN"), idOf("TIKTOK", "PRESERVATION"));

    for (String url :
        List.of(
            Cases.TIKTOK_URL,
            "https://tiktok.com/@scam.invest.ma/video/7312345678901234567",
            "HTTP://WWW.TikTok.com/@scam.invest.ma/video/7312345678901234567/?utm_source=x#c",
            " https://m.tiktok.com/@scam.invest.ma/video/7312345678901234567 ")) {
      assertEquals(video, Set.copyOf(ids("url=" + encoded(url))), url);
    }
    assertEquals(
        List.of(idOf("GOOGLE", "TAKEDOWN")),
        ids("url=" + encoded("https://youtu.be/dQw4w9WgXcQ?t=42")));
    // the same video under another address is another canonical URL: its content id finds both
    assertEquals(List.of(), ids("url=" + encoded("https://www.youtube.com/watch?v=dQw4w9WgXcQ")));
    assertEquals(List.of(idOf("GOOGLE", "TAKEDOWN")), ids("contentId=dQw4w9WgXcQ"));
    assertEquals(List.of(), ids("url=" + encoded("https://tiktok.com/@scam.invest.ma")));
  }

  @Test
  void findsTheRequestsOfAContentIdOnEveryPartnerThatCarriesIt() {
    Set<String> video = Set.of(idOf("TIKTOK", "TAKEDOWN"), idOf("TIKTOK", "PRESERVATION"));

    assertEquals(video, Set.copyOf(ids("contentId=7312345678901234567")));
    assertEquals(List.of(idOf("META", "TAKEDOWN")), ids("contentId=C8xYz12AbCd"));
    assertEquals(
        List.of(idOf("TIKTOK", "PRESERVATION")),
        ids("contentId=7312345678901234567&action=PRESERVATION"));
    assertEquals(List.of(), ids("contentId=c8xyz12abcd"), "ids are case-sensitive");
  }

  @Test
  void listsTheRequestsCreatedInARangeFromInclusiveToExclusive() {
    List<String> all = every();
    String middle = all.get(all.size() / 2);
    String createdAt = (String) requests.get(middle).get("createdAt");

    List<String> from = ids("createdFrom=" + encoded(createdAt));
    List<String> to = ids("createdTo=" + encoded(createdAt));

    assertTrue(from.contains(middle));
    assertFalse(to.contains(middle));
    assertEquals(all.size(), from.size() + to.size(), "the two halves make the whole");
    assertTrue(
        to.stream()
            .allMatch(
                id ->
                    Instant.parse((String) requests.get(id).get("createdAt"))
                        .isBefore(Instant.parse(createdAt))));
    assertEquals(
        List.of(),
        ids("createdFrom=2000-01-01T00:00:00Z&createdTo=2000-01-02T00:00:00Z"),
        "nothing then");
  }

  @Test
  void combinesTheNewFiltersWithTheContractsAndPagesThem() {
    String query =
        "caseRef=" + caseRef + "&contentId=7312345678901234567&createdFrom=2000-01-01T00:00:00Z";

    Api.Answer first = api.get("/api/v1/requests?limit=1&" + query, officer);
    assertEquals(1, first.list("items").size(), first.body());
    String cursor = (String) first.json().get("nextCursor");
    Api.Answer second = api.get("/api/v1/requests?limit=1&" + query + "&cursor=" + cursor, officer);

    assertEquals(1, second.list("items").size(), second.body());
    assertEquals(null, second.json().get("nextCursor"));
    assertEquals(
        Set.of(idOf("TIKTOK", "TAKEDOWN"), idOf("TIKTOK", "PRESERVATION")),
        Set.of(
            (String) first.list("items").get(0).get("id"),
            (String) second.list("items").get(0).get("id")));
  }

  @Test
  void namesEveryBadNewParameterWithoutRepeatingTheUrl() {
    Api.Answer answer =
        api.withInvalidRequest()
            .get(
                "/api/v1/requests?createdFrom=yesterday&createdTo=2024-06-20&partnerRef=a%00b"
                    + "&url=https%3A%2F%2Fevil.example%2Fsecret-path&contentId=%01",
                officer);

    assertEquals(422, answer.status(), answer.body());
    Set<String> fields =
        answer.list("errors").stream()
            .map(e -> (String) e.get("field"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("createdFrom", "createdTo", "partnerRef", "url", "contentId"), fields);
    assertFalse(answer.body().contains("secret-path"), answer.body());

    Api.Answer backwards =
        api.withInvalidRequest()
            .get(
                "/api/v1/requests?createdFrom=2024-06-20T00:00:00Z&createdTo=2024-06-20T00:00:00Z",
                officer);
    assertEquals(422, backwards.status());
    assertEquals(
        List.of("createdTo"), backwards.list("errors").stream().map(e -> e.get("field")).toList());
  }
}
