package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.takedown.adapters.tiktok.FakeTikTok.CLIENT_SECRET;
import static org.takedown.adapters.tiktok.FakeTikTok.CREATE_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.FIRST_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.QUERY_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.SECOND_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.TOKEN_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.json;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerRef;

/**
 * What the adapter reports of each call to TikTok: the bytes on the wire, every call of a token
 * retry, never a token grant or a credential.
 */
class TikTokExchangeReportTest {

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();
  private final List<PartnerExchange> reported = new ArrayList<>();

  private List<ServeEvent> callsTo(String path) {
    List<ServeEvent> events = new ArrayList<>(tiktok.wm.getAllServeEvents());
    java.util.Collections.reverse(events);
    return events.stream().filter(e -> e.getRequest().getUrl().equals(path)).toList();
  }

  private void assertNoCredential(PartnerExchange exchange) {
    String all =
        new String(exchange.requestBody(), StandardCharsets.UTF_8)
            + new String(exchange.answerBody(), StandardCharsets.UTF_8)
            + exchange.target();
    for (String secret : List.of(CLIENT_SECRET, FIRST_TOKEN, SECOND_TOKEN)) {
      assertFalse(all.contains(secret), secret);
    }
  }

  @Test
  void reportsEachCallOfATokenRetryAndNeverTheTokenGrant() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(401, "access-token-invalid.json"));

    tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD), reported::add);

    List<ServeEvent> creates = callsTo(CREATE_PATH);
    assertEquals(2, creates.size());
    assertEquals(2, reported.size(), "the call and its retry with a new token");
    for (int i = 0; i < 2; i++) {
      PartnerExchange exchange = reported.get(i);
      assertEquals("POST", exchange.method());
      assertEquals(CREATE_PATH, exchange.target());
      assertArrayEquals(creates.get(i).getRequest().getBody(), exchange.requestBody());
      assertEquals(401, exchange.status());
      assertArrayEquals(creates.get(i).getResponse().getBody(), exchange.answerBody());
      assertNoCredential(exchange);
    }
    tiktok.wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)));
    assertFalse(reported.stream().anyMatch(e -> e.target().contains("oauth")));
  }

  @Test
  void reportsABatchQueryAsOneCallAboutEachOfItsReferences() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(200, "query-batch.json"));
    List<PartnerRef> refs = List.of(PartnerRef.of("7301"), PartnerRef.of("7302"));

    tiktok.adapter().statuses(refs, reported::add);

    ServeEvent query = callsTo(QUERY_PATH).get(0);
    assertEquals(1, reported.size());
    assertEquals(refs, reported.get(0).refs());
    assertArrayEquals(query.getRequest().getBody(), reported.get(0).requestBody());
    assertArrayEquals(query.getResponse().getBody(), reported.get(0).answerBody());
    assertNoCredential(reported.get(0));
  }

  @Test
  void reportsAQueryWhoseAnswerNeverCameAsSentAndUnanswered() {
    tiktok.issuesTokens();
    tiktok.answersQuery(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    tiktok.adapter().status(PartnerRef.of("7301"), reported::add);

    assertEquals(1, reported.size());
    assertEquals(PartnerExchange.NO_ANSWER, reported.get(0).status());
    assertEquals(0, reported.get(0).answerBody().length);
    assertArrayEquals(
        callsTo(QUERY_PATH).get(0).getRequest().getBody(), reported.get(0).requestBody());
  }
}
