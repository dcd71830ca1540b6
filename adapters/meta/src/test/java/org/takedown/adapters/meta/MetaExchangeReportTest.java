package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.takedown.adapters.meta.GraphStub.ACCESS_TOKEN;
import static org.takedown.adapters.meta.GraphStub.LEGAL_REQUESTS_PATH;

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

/** What the adapter reports of each Graph call: the bytes on the wire, never the token. */
class MetaExchangeReportTest {

  private static final String ID = "1784512345678901";

  @RegisterExtension static final SharedGraphStub graph = new SharedGraphStub();
  private final List<PartnerExchange> reported = new ArrayList<>();

  private static ServeEvent onlyCall() {
    List<ServeEvent> events = graph.wm().getAllServeEvents();
    assertEquals(1, events.size());
    return events.get(0);
  }

  private static void assertNoToken(PartnerExchange exchange) {
    for (byte[] bytes :
        List.of(
            exchange.requestBody(),
            exchange.answerBody(),
            exchange.target().getBytes(StandardCharsets.UTF_8))) {
      assertFalse(new String(bytes, StandardCharsets.UTF_8).contains(ACCESS_TOKEN));
    }
  }

  @Test
  void reportsASubmissionWithTheExactBytesSentAndAnswered() {
    graph
        .wm()
        .stubFor(
            post(urlEqualTo(LEGAL_REQUESTS_PATH))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"" + ID + "\"}  ")));

    graph.adapter().submit(GraphStub.takedown(Category.FRAUD), reported::add);

    ServeEvent call = onlyCall();
    assertEquals(1, reported.size());
    PartnerExchange exchange = reported.get(0);
    assertEquals("POST", exchange.method());
    assertEquals(LEGAL_REQUESTS_PATH, exchange.target());
    assertArrayEquals(call.getRequest().getBody(), exchange.requestBody());
    assertEquals(200, exchange.status());
    assertArrayEquals(call.getResponse().getBody(), exchange.answerBody());
    assertEquals(List.of(), exchange.refs());
    assertNoToken(exchange);
  }

  @Test
  void reportsAStatusReadAsItsPathAndQueryAboutItsReference() {
    graph
        .wm()
        .stubFor(
            get(urlPathEqualTo("/v21.0/" + ID))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\": {\"code\": 100}}")));

    graph.adapter().status(PartnerRef.of(ID), reported::add);

    PartnerExchange exchange = reported.get(0);
    assertEquals("GET", exchange.method());
    assertEquals(onlyCall().getRequest().getUrl(), exchange.target());
    assertEquals(0, exchange.requestBody().length);
    assertEquals(400, exchange.status());
    assertArrayEquals(onlyCall().getResponse().getBody(), exchange.answerBody());
    assertEquals(List.of(PartnerRef.of(ID)), exchange.refs());
    assertNoToken(exchange);
  }

  @Test
  void reportsAnExtensionWhoseAnswerNeverCameAsSentAndUnanswered() {
    graph
        .wm()
        .stubFor(
            post(urlEqualTo("/v21.0/" + ID + "/extensions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    graph.adapter().extendPreservation(PartnerRef.of(ID), reported::add);

    assertEquals(1, reported.size());
    PartnerExchange exchange = reported.get(0);
    assertEquals("/v21.0/" + ID + "/extensions", exchange.target());
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), exchange.requestBody());
    assertEquals(PartnerExchange.NO_ANSWER, exchange.status());
    assertEquals(0, exchange.answerBody().length);
  }
}
