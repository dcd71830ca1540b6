package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * A stand-in for the gateway's webhooks: a WireMock server that acknowledges every POST under
 * {@code /webhooks/} with 200 and records what arrived.
 */
final class GatewayReceiver implements AutoCloseable {

  private final WireMockServer server =
      new WireMockServer(
          WireMockConfiguration.options()
              .dynamicPort()
              .bindAddress("127.0.0.1")
              .notifier(new ConsoleNotifier(false)));

  GatewayReceiver() {
    server.start();
    acknowledgeAll();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The callbacks that arrived at {@code path}, e.g. {@code /webhooks/meta}, oldest first. */
  List<LoggedRequest> received(String path) {
    return server.findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  /** Answers the first callback to {@code path} with {@code status}, the later ones with 200. */
  void failFirst(String path, int status) {
    server.stubFor(
        post(urlPathEqualTo(path))
            .atPriority(1)
            .inScenario("fail first " + path)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(status))
            .willSetStateTo("failed once"));
  }

  /** Answers every callback to {@code path} with {@code status}. */
  void failAll(String path, int status) {
    server.stubFor(
        post(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(status)));
  }

  void reset() {
    server.resetAll();
    acknowledgeAll();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void acknowledgeAll() {
    server.stubFor(
        post(urlPathMatching("/webhooks/.*"))
            .atPriority(5)
            .willReturn(aResponse().withStatus(200)));
  }
}
