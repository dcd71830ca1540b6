package org.takedown.gateway.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSimulator;
import org.takedown.sandbox.SandboxRequest;

/**
 * A preservation from the partner's decision to an officer's extension: the gateway learns the end
 * date by polling, the officer's extension goes to the partner once, and the new end date and the
 * officer are on record. Expiry is PreservationWatchIT's subject.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtendPreservationIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  Requests requests;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
  }

  /** A request the partner accepted, its callbacks muted: the gateway learns only by polling. */
  private String submittedSilently(Platform platform, String action) {
    String id = (String) requests.submit(Cases.oneItem(platform, action)).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    TestGateway.simulator(platform).muteCallbacks(id);
    return id;
  }

  /** Partners give preservation ends to the second (TikTok in unix seconds). */
  private static Instant toSeconds(Object instant) {
    Instant value = instant instanceof Instant i ? i : Instant.parse((String) instant);
    return value.truncatedTo(ChronoUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void extendsAPreservationAtThePartnerAndRecordsTheOfficer(Platform platform) {
    PartnerSimulator partner = TestGateway.simulator(platform);
    String id = submittedSilently(platform, "PRESERVATION");
    SandboxRequest preserved = partner.preserve(id);
    Map<String, Object> completed = requests.awaitStatus(id, "COMPLETED");
    assertEquals("PRESERVED", completed.get("outcome"));
    assertEquals(
        toSeconds(preserved.preservedUntil()),
        toSeconds(completed.get("preservedUntil")),
        "the gateway learnt the partner's end date by polling");

    Api.Answer extended = requests.act(id, "extend-preservation");

    assertEquals(200, extended.status(), extended.body());
    assertEquals(1, partner.extendCallsFor(id), "the partner was asked once");
    Instant partnersNewEnd = partner.request(id).orElseThrow().preservedUntil();
    assertEquals(
        toSeconds(preserved.preservedUntil().plus(Duration.ofDays(90))), toSeconds(partnersNewEnd));
    assertEquals(toSeconds(partnersNewEnd), toSeconds(extended.json().get("preservedUntil")));
    assertEquals("COMPLETED", extended.json().get("status"));
    assertEquals("PRESERVED", extended.json().get("outcome"));
    Map<String, Object> reread = requests.get(id);
    assertEquals(extended.json().get("preservedUntil"), reread.get("preservedUntil"));
    List<Map<String, Object>> history = requests.history(id);
    Map<String, Object> last = history.get(history.size() - 1);
    assertEquals("officer", last.get("source"));
    assertEquals("officer-1", last.get("actor"));
    assertEquals("COMPLETED", last.get("from"));
    assertEquals("COMPLETED", last.get("to"));
    assertTrue(
        ((String) last.get("detail")).startsWith("preservation extended to "), last.toString());
  }

  @Test
  void extendsAgainFromTheNewEndDate() {
    PartnerSimulator partner = TestGateway.sandbox().tiktok();
    String id = submittedSilently(Platform.TIKTOK, "PRESERVATION");
    Instant first = partner.preserve(id).preservedUntil();
    requests.awaitStatus(id, "COMPLETED");

    assertEquals(200, requests.act(id, "extend-preservation").status());
    Api.Answer again = requests.act(id, "extend-preservation");

    assertEquals(200, again.status(), again.body());
    assertEquals(2, partner.extendCallsFor(id));
    assertEquals(
        toSeconds(first.plus(Duration.ofDays(180))), toSeconds(again.json().get("preservedUntil")));
  }

  @Test
  void refusesAPreservationThePartnerHasNotDecidedWithoutAskingThePartner() {
    String id = submittedSilently(Platform.GOOGLE, "PRESERVATION");

    Api.Answer answer = requests.act(id, "extend-preservation");

    assertEquals(409, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:state-conflict", answer.json().get("type"));
    assertTrue(answer.header("Content-Type").startsWith("application/problem+json"));
    assertTrue(((String) answer.json().get("detail")).contains("SUBMITTED"), answer.body());
    assertEquals(0, TestGateway.sandbox().google().extendCallsFor(id));
  }

  @Test
  void refusesATakedownThatWasCarriedOut() {
    String id = submittedSilently(Platform.META, "TAKEDOWN");
    TestGateway.sandbox().meta().complete(id, "REMOVED");
    requests.awaitStatus(id, "COMPLETED");

    Api.Answer answer = requests.act(id, "extend-preservation");

    assertEquals(409, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:state-conflict", answer.json().get("type"));
    assertTrue(((String) answer.json().get("detail")).contains("COMPLETED/REMOVED"), answer.body());
    assertEquals(0, TestGateway.sandbox().meta().extendCallsFor(id));
    assertEquals(0, officerLines(id), "a refused action leaves no trace");
  }

  @Test
  void keepsTheOldEndDateWhenThePartnerRefusesTheExtension() {
    // The gateway holds a preservation the partner never made (e.g. a callback the partner
    // since withdrew): the partner refuses, and nothing changes on the gateway's side.
    String id = submittedSilently(Platform.TIKTOK, "PRESERVATION");
    String partnerRef = (String) requests.get(id).get("partnerRef");
    Instant until = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    apply.apply(
        Platform.TIKTOK,
        new PartnerUpdate(
            PartnerRef.of(partnerRef),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            until,
            Instant.now(),
            "TikTok status COMPLETED, result PRESERVED"),
        HistorySource.PARTNER_CALLBACK);

    Api.Answer answer = requests.act(id, "extend-preservation");

    assertEquals(409, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:partner-refused", answer.json().get("type"));
    assertEquals(1, TestGateway.sandbox().tiktok().extendCallsFor(id));
    Map<String, Object> after = requests.get(id);
    assertEquals(until.toString(), after.get("preservedUntil"));
    assertEquals(0, officerLines(id), "a refused extension is not recorded as done");
  }

  @ParameterizedTest(name = "{0} answers {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          META   | {"success": true, "preserved_until": "+999999999-12-31T23:59:59Z"}
          META   | {"success": true, "preserved_until": "0000-01-01T00:00:00Z"}
          TIKTOK | {"data": {"preserve_expire_time": 1000000000000000}, "error": {"code": "ok", "message": "", "log_id": "x"}}
          TIKTOK | {"data": {"preserve_expire_time": 9223372036854775807}, "error": {"code": "ok", "message": "", "log_id": "x"}}
          """)
  void anExtensionEndingOutsideTheYears0001To9999IsAPartnerProblemAndChangesNothing(
      Platform platform, String answerBody) {
    String id = submittedSilently(platform, "PRESERVATION");
    String partnerRef = (String) requests.get(id).get("partnerRef");
    Instant until = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    apply.apply(
        platform,
        new PartnerUpdate(
            PartnerRef.of(partnerRef),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            until,
            Instant.now(),
            "preserved"),
        HistorySource.PARTNER_CALLBACK);
    PartnerSimulator partner = TestGateway.simulator(platform);
    StubMapping absurd =
        partner
            .wireMock()
            .stubFor(
                post(urlPathMatching(platform == Platform.META ? ".*/extensions" : ".*/extend/"))
                    .atPriority(1)
                    .willReturn(
                        aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(answerBody)));
    Api.Answer answer;
    try {
      answer = requests.act(id, "extend-preservation");
    } finally {
      partner.wireMock().removeStub(absurd);
    }

    assertEquals(502, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:partner-unavailable", answer.json().get("type"));
    assertEquals(until.toString(), requests.get(id).get("preservedUntil"));
    assertEquals(0, officerLines(id), "an extension nobody can read is not recorded as done");
  }

  private long officerLines(String id) {
    return requests.history(id).stream().filter(l -> "officer".equals(l.get("source"))).count();
  }
}
