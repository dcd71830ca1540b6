package org.takedown.adapters.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.adapters.tiktok.FakeTikTok.CLIENT_SECRET;
import static org.takedown.adapters.tiktok.FakeTikTok.CREATE_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.FIRST_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.QUERY_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.SECOND_TOKEN;
import static org.takedown.adapters.tiktok.FakeTikTok.TOKEN_PATH;
import static org.takedown.adapters.tiktok.FakeTikTok.json;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.takedown.platform.Category;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

class TikTokTokenTest {

  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(7200);
  private static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

  @RegisterExtension final FakeTikTok tiktok = new FakeTikTok();

  @Test
  void asksForTokenWithClientCredentialsForm() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json"));

    tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    tiktok.wm.verify(
        postRequestedFor(urlEqualTo(TOKEN_PATH))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withFormParam("client_key", equalTo(FakeTikTok.CLIENT_KEY))
            .withFormParam("client_secret", equalTo(CLIENT_SECRET))
            .withFormParam("grant_type", equalTo("client_credentials")));
  }

  @Test
  void fetchesTokenOnceAndReusesItAcrossCalls() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(200, "created.json"));
    tiktok.answersQuery(json(200, "query-batch.json"));
    TikTokAdapter adapter = tiktok.adapter();

    adapter.submit(SampleCommands.removal(Category.FRAUD));
    adapter.submit(SampleCommands.removal(Category.THREATS));
    adapter.status(PartnerRef.of("7301000000000000001"));

    tiktok.verifyTokenRequests(1);
    tiktok.wm.verify(
        exactly(2),
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN)));
    tiktok.wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(QUERY_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN)));
  }

  @Test
  void keepsTokenUntilTheRefreshMarginBeforeItsExpiryThenFetchesANewOne() {
    issuesFirstThenSecondToken();
    tiktok.answersCreate(json(200, "created.json"));
    TikTokAdapter adapter = tiktok.adapter();

    adapter.submit(SampleCommands.removal(Category.FRAUD));
    tiktok.clock.advance(TOKEN_LIFETIME.minus(DEFAULT_MARGIN).minusSeconds(1));
    adapter.submit(SampleCommands.removal(Category.FRAUD));
    tiktok.verifyTokenRequests(1);

    tiktok.clock.advance(Duration.ofSeconds(1));
    adapter.submit(SampleCommands.removal(Category.FRAUD));

    tiktok.verifyTokenRequests(2);
    tiktok.wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN)));
  }

  @Test
  void honoursConfiguredTokenRefreshMargin() {
    tiktok.with("token-refresh-margin", "30m");
    issuesFirstThenSecondToken();
    tiktok.answersCreate(json(200, "created.json"));
    TikTokAdapter adapter = tiktok.adapter();

    adapter.submit(SampleCommands.removal(Category.FRAUD));
    tiktok.clock.advance(TOKEN_LIFETIME.minus(Duration.ofMinutes(30)));
    adapter.submit(SampleCommands.removal(Category.FRAUD));

    tiktok.verifyTokenRequests(2);
  }

  @Test
  void refreshesTokenOnceOnAccessTokenInvalid() {
    issuesFirstThenSecondToken();
    tiktok.wm.stubFor(
        post(urlEqualTo(CREATE_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(401, "access-token-invalid.json"))
            .willSetStateTo("refused once"));
    tiktok.wm.stubFor(
        post(urlEqualTo(CREATE_PATH))
            .inScenario("token revoked")
            .whenScenarioStateIs("refused once")
            .willReturn(json(200, "created.json")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertEquals(new SubmitOutcome.Accepted(PartnerRef.of("7301234567890123456"), false), outcome);
    tiktok.verifyTokenRequests(2);
    tiktok.verifyCreateRequests(2);
    tiktok.wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(CREATE_PATH))
            .withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN)));
  }

  @Test
  void stopsTikTokWhenTheNewTokenIsRefusedToo() {
    tiktok.issuesTokens();
    tiktok.answersCreate(json(401, "access-token-invalid.json"));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.Unauthorized unauthorized =
        assertInstanceOf(PartnerFailure.Unauthorized.class, outcome);
    assertTrue(unauthorized.reason().contains("access_token_invalid"), unauthorized.reason());
    tiktok.verifyTokenRequests(2);
    tiktok.verifyCreateRequests(2);
  }

  @Test
  void statusQueryAlsoRefreshesTokenOnceOnAccessTokenInvalid() {
    tiktok.issuesTokens();
    tiktok.answersQuery(json(401, "access-token-invalid.json"));

    StatusOutcome outcome = tiktok.adapter().status(PartnerRef.of("7301000000000000001"));

    assertInstanceOf(PartnerFailure.Unauthorized.class, outcome);
    tiktok.verifyTokenRequests(2);
    tiktok.verifyQueryRequests(2);
  }

  @Test
  void stopsTikTokWhenItRefusesTheClientCredentials() {
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH)).willReturn(json(401, "token-invalid-client.json")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.Unauthorized unauthorized =
        assertInstanceOf(PartnerFailure.Unauthorized.class, outcome);
    assertEquals(
        "TikTok token error invalid_client over HTTP 401 (log_id 20261102090000TOKEN0001)",
        unauthorized.reason());
    assertFalse(unauthorized.reason().contains(CLIENT_SECRET));
    tiktok.verifyCreateRequests(0);
  }

  @Test
  void retriesWhenTheTokenEndpointFailsWith5xx() {
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertTrue(retry.reason().contains("502"), retry.reason());
    tiktok.verifyCreateRequests(0);
  }

  @Test
  void retriesWhenTheTokenEndpointTimesOut() {
    tiktok.with("read-timeout", "300ms");
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH)).willReturn(json(200, "token.json").withFixedDelay(1_500)));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    PartnerFailure.RetryLater retry = assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    assertEquals("TikTok call /v2/oauth/token/ timed out, answer unknown", retry.reason());
    tiktok.verifyCreateRequests(0);
  }

  @Test
  void retriesWhenTheTokenAnswerHasNoToken() {
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .willReturn(FakeTikTok.jsonBody(200, "{\"token_type\": \"Bearer\"}")));

    SubmitOutcome outcome = tiktok.adapter().submit(SampleCommands.removal(Category.FRAUD));

    assertInstanceOf(PartnerFailure.RetryLater.class, outcome);
    tiktok.verifyCreateRequests(0);
  }

  @Test
  void fetchesOneTokenWhenManyCallsNeedOneAtOnce() throws Exception {
    // The token answer is slow, so that every caller arrives while the first fetch is under way.
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH)).willReturn(json(200, "token.json").withFixedDelay(300)));
    tiktok.answersCreate(json(200, "created.json"));
    TikTokAdapter adapter = tiktok.adapter();
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
      Callable<SubmitOutcome> submit =
          () -> {
            start.await();
            return adapter.submit(SampleCommands.removal(Category.FRAUD));
          };
      for (int i = 0; i < callers; i++) {
        outcomes.add(pool.submit(submit));
      }
      start.countDown();
      for (Future<SubmitOutcome> outcome : outcomes) {
        assertInstanceOf(SubmitOutcome.Accepted.class, outcome.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    tiktok.verifyTokenRequests(1);
    tiktok.verifyCreateRequests(callers);
  }

  private void issuesFirstThenSecondToken() {
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "token.json"))
            .willSetStateTo("first issued"));
    tiktok.wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("tokens")
            .whenScenarioStateIs("first issued")
            .willReturn(json(200, "token-second.json")));
  }
}
