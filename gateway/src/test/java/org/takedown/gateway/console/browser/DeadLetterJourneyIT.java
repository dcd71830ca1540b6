package org.takedown.gateway.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Refusals;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;

/**
 * An admin after a TikTok outage: the partners page shows TikTok's failures; its link leads to the
 * dead letter filtered on TikTok; "everything that failed since" a time is counted first, then
 * retried; a single row is retried by ticking it. The axe check runs on each page on the way.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class DeadLetterJourneyIT implements TestPropertyProvider {

  private static final ZoneId CONSOLE_ZONE = ZoneId.of("Africa/Casablanca");

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  Requests requests;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false", "gateway.operations.snapshot-interval", "100ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
  }

  @AfterEach
  void clearFaults() {
    sandbox.tiktok().reset();
    sandbox.meta().reset();
  }

  @Test
  void anAdminRetriesEverythingToTikTokThatFailedSinceATimeAfterSeeingTheCount(Browser browser) {
    Instant since = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<String> tiktok = fail(Platform.TIKTOK, 2);
    String meta = fail(Platform.META, 1).get(0);

    SignedIn.as(browser, context, "admin-1", "admin");
    browser.open("/console/partners");
    PartnersBoardPage partners = new PartnersBoardPage(browser).awaitFailed("TIKTOK", "2");
    partners.checkAccessibility();

    DeadLetterListPage deadLetter = partners.openFailuresOf("TIKTOK");
    assertEquals("TikTok", deadLetter.partnerChosen());
    assertEquals(tiktok.size(), deadLetter.requestIds().size());
    assertTrue(deadLetter.requestIds().containsAll(tiktok), deadLetter.requestIds().toString());
    deadLetter.checkAccessibility();

    DeadLetterRetryPage count =
        deadLetter
            .failedSince(
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                    .format(LocalDateTime.ofInstant(since, CONSOLE_ZONE)))
            .retryEverythingThatMatches();
    assertEquals(
        "2 demande(s) en échec correspondent. Rien n’a encore été modifié.", count.count());
    assertEquals("FAILED", requests.get(tiktok.get(0)).get("status"), "a count changes nothing");
    count.checkAccessibility();

    DeadLetterRetryPage done = count.confirm("Relancer ces 2 demande(s)");
    assertEquals("2 demande(s) relancée(s) sur 2 visée(s).", done.result());
    done.checkAccessibility();
    for (String id : tiktok) {
      requests.awaitStatus(id, "SUBMITTED");
    }
    assertEquals("FAILED", requests.get(meta).get("status"), "another partner's failure");
  }

  @Test
  void anAdminRetriesATickedRowAndReadsWhatHappenedToIt(Browser browser) {
    List<String> failed = fail(Platform.META, 2);

    SignedIn.as(browser, context, "admin-1", "admin");
    browser.open("/console/dead-letter?platform=META");
    DeadLetterListPage done =
        new DeadLetterListPage(browser).tick(failed.get(0)).retryTheSelection();

    assertTrue(done.resultOf(failed.get(0)).contains("Fait"), done.resultOf(failed.get(0)));
    done.checkAccessibility();
    requests.awaitStatus(failed.get(0), "SUBMITTED");
    assertEquals("FAILED", requests.get(failed.get(1)).get("status"), "not ticked");
  }

  /** {@code count} requests to {@code platform} that it refuses for good. */
  private List<String> fail(Platform platform, int count) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String url =
          platform == Platform.TIKTOK
              ? Refusals.tiktokRefuses("invalid_params")
              : Refusals.metaRefuses();
      items.add(Cases.item(url, "TAKEDOWN"));
    }
    Map<String, Object> body = Cases.sample();
    body.put("items", items);
    List<String> ids = requests.submit(body).stream().map(r -> (String) r.get("id")).toList();
    ids.forEach(id -> requests.awaitStatus(id, "FAILED"));
    return ids;
  }
}
