package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerRef;

/**
 * What the adapter reports of each call to Google: the bytes on the wire, never the token grant.
 */
class GoogleExchangeReportTest {

  private static final PartnerRef REF =
      new PartnerRef("legalRequests/123", "operations/lr-8f14e45f");

  @RegisterExtension static final SharedGoogleAdapter google = new SharedGoogleAdapter();
  private final List<PartnerExchange> reported = new ArrayList<>();

  private static ServeEvent onlyCallTo(String path) {
    List<ServeEvent> calls =
        google.wm().getAllServeEvents().stream()
            .filter(e -> e.getRequest().getUrl().startsWith(path))
            .toList();
    assertEquals(1, calls.size());
    return calls.get(0);
  }

  private static void assertNoCredential(PartnerExchange exchange) {
    String all =
        new String(exchange.requestBody(), StandardCharsets.UTF_8)
            + new String(exchange.answerBody(), StandardCharsets.UTF_8)
            + exchange.target();
    assertFalse(all.contains(GoogleFixture.TOKEN));
    assertFalse(all.contains("assertion"));
  }

  @Test
  void reportsASubmissionWithTheExactBytesAndNotTheTokenGrant() {
    google
        .wm()
        .stubFor(
            post(urlPathEqualTo("/v1/legalRequests"))
                .willReturn(GoogleFixture.jsonFile(200, "operation-received.json")));

    google.adapter().submit(GoogleFixture.command(), reported::add);

    ServeEvent call = onlyCallTo("/v1/legalRequests");
    assertEquals(1, reported.size(), "the token grant is not reported");
    PartnerExchange exchange = reported.get(0);
    assertEquals("POST", exchange.method());
    assertEquals(call.getRequest().getUrl(), exchange.target());
    assertArrayEquals(call.getRequest().getBody(), exchange.requestBody());
    assertEquals(200, exchange.status());
    assertArrayEquals(call.getResponse().getBody(), exchange.answerBody());
    assertNoCredential(exchange);
  }

  @Test
  void reportsAPollAsItsPathAboutItsReference() {
    google
        .wm()
        .stubFor(
            get(urlPathEqualTo("/v1/" + REF.operation()))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBodyFile("google/operation-under-review.json")));

    google.adapter().status(REF, reported::add);

    ServeEvent call = onlyCallTo("/v1/operations/");
    PartnerExchange exchange = reported.get(0);
    assertEquals("GET", exchange.method());
    assertEquals("/v1/" + REF.operation(), exchange.target());
    assertEquals(call.getRequest().getUrl(), exchange.target());
    assertEquals(0, exchange.requestBody().length);
    assertArrayEquals(call.getResponse().getBody(), exchange.answerBody());
    assertEquals(List.of(REF), exchange.refs());
    assertNoCredential(exchange);
  }
}
