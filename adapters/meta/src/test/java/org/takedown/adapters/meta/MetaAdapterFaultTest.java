package org.takedown.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/** Answers that never arrive, or arrive broken, are unknown: retry, never reject. */
class MetaAdapterFaultTest {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final int LATE_ANSWER_MILLIS = 3_000;

  @RegisterExtension
  static final SharedGraphStub graph =
      new SharedGraphStub(Map.of("gateway.partners.meta.read-timeout", "1s"));

  @BeforeAll
  static void warmUp() {
    // The first exchange pays for the client's start-up; keep that out of the timed tests.
    answerEverything(aResponse().withStatus(200).withBodyFile("meta/status-preserved.json"));
    assertInstanceOf(
        StatusOutcome.Known.class, graph.adapter().status(PartnerRef.of("1784512345678901")));
    graph.reset();
  }

  @Test
  void retriesSubmitWhenMetaAnswersAfterTheReadTimeout() {
    answerEverything(
        aResponse()
            .withStatus(200)
            .withBodyFile("meta/created.json")
            .withFixedDelay(LATE_ANSWER_MILLIS));
    long start = System.nanoTime();

    SubmitOutcome outcome = graph.adapter().submit(GraphStub.takedown(Category.FRAUD));

    assertGaveUpBeforeTheLateAnswer(start);
    assertEquals(new PartnerFailure.UnknownOutcome("Meta gave no answer: read timed out"), outcome);
  }

  @Test
  void retriesStatusWhenMetaAnswersAfterTheReadTimeout() {
    answerEverything(
        aResponse()
            .withStatus(200)
            .withBodyFile("meta/status-preserved.json")
            .withFixedDelay(LATE_ANSWER_MILLIS));
    long start = System.nanoTime();

    StatusOutcome outcome = graph.adapter().status(PartnerRef.of("1784512345678901"));

    assertGaveUpBeforeTheLateAnswer(start);
    assertEquals(new PartnerFailure.UnknownOutcome("Meta gave no answer: read timed out"), outcome);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK"})
  void retriesSubmitWhenTheAnswerBreaks(Fault fault) {
    answerEverything(aResponse().withFault(fault));

    assertNoAnswer(graph.adapter().submit(GraphStub.takedown(Category.FRAUD)));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK"})
  void retriesStatusWhenTheAnswerBreaks(Fault fault) {
    answerEverything(aResponse().withFault(fault));

    assertNoAnswer(graph.adapter().status(PartnerRef.of("1784512345678901")));
  }

  @Test
  void retriesWhenMetaCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (GraphStub unreachable =
        GraphStub.start(
            Map.of("gateway.partners.meta.base-url", "http://127.0.0.1:" + closedPort))) {
      MetaAdapter unreachableAdapter = unreachable.adapter();

      assertNoAnswer(unreachableAdapter.submit(GraphStub.takedown(Category.FRAUD)));
      assertNoAnswer(unreachableAdapter.status(PartnerRef.of("1784512345678901")));
    }
  }

  private static void assertGaveUpBeforeTheLateAnswer(long startNanos) {
    Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
    assertTrue(
        waited.compareTo(READ_TIMEOUT) >= 0 && waited.toMillis() < LATE_ANSWER_MILLIS,
        "waited " + waited);
  }

  private static void answerEverything(ResponseDefinitionBuilder response) {
    graph.wm().stubFor(any(anyUrl()).willReturn(response));
  }

  private static void assertNoAnswer(SubmitOutcome outcome) {
    PartnerFailure.UnknownOutcome unknown =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals(Optional.empty(), unknown.hint());
    assertTrue(unknown.reason().startsWith("Meta gave no answer"), unknown.reason());
  }

  private static void assertNoAnswer(StatusOutcome outcome) {
    PartnerFailure.UnknownOutcome unknown =
        assertInstanceOf(PartnerFailure.UnknownOutcome.class, outcome);
    assertEquals(Optional.empty(), unknown.hint());
    assertTrue(unknown.reason().startsWith("Meta gave no answer"), unknown.reason());
  }
}
