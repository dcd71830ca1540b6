package org.takedown.gateway.console.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyKind;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.custody.ReadCustodyLog;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;
import org.takedown.platform.Platform;

/**
 * An officer preparing a case for court (issue #18, item 4) opens a request, reads its exchanges
 * with the partner in the timeline, follows one's custody index to its proof page from the keyboard
 * and sees that it verifies against the signed checkpoint. Both pages pass the accessibility check.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@BrowserTest
class FollowCustodyProofJourneyIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject ReadCustodyLog log;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    // nothing is sent to a partner: the entries are the ones this test records
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false", "gateway.custody.integrate-interval", "100ms");
  }

  @Test
  void officerFollowsACustodyIndexToItsVerifiedProof(Browser browser) {
    Map<String, Object> created =
        new Requests(new Api(server.getURL(), json))
            .submit(Cases.oneItem(Platform.META, "TAKEDOWN"))
            .get(0);
    String id = (String) created.get("id");
    UUID request = UUID.fromString(id);
    UUID kase = UUID.fromString((String) created.get("caseId"));
    Instant at = Instant.now();
    transactions.executeWrite(
        status -> {
          custody.recordAll(
              List.of(
                  new CustodyEntry(
                      CustodyKind.PARTNER_REQUEST,
                      at,
                      request,
                      kase,
                      Platform.META,
                      CustodyEntry.GATEWAY,
                      "{\"url\":\"https://example.test/p/1\"}".getBytes(StandardCharsets.UTF_8)),
                  new CustodyEntry(
                      CustodyKind.PARTNER_ANSWER,
                      at.plusMillis(5),
                      request,
                      kase,
                      Platform.META,
                      "meta",
                      "{\"id\":\"meta-1\"}".getBytes(StandardCharsets.UTF_8))));
          return null;
        });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> log.recordedOf(request).stream().allMatch(r -> r.index() != null));

    SignedIn.as(browser, context, "officer-1", Roles.LIAISON_OFFICER);
    RequestDetailPage page = RequestDetailPage.open(browser, id);
    List<RequestDetailPage.CustodyLine> entries = page.custodyEntries();
    assertEquals(2, entries.size());
    assertEquals("Réponse du partenaire", entries.get(1).words());
    page.checkAccessibility();

    CustodyEntryProofPage proof = page.followProof(entries.get(1).index());

    assertEquals("/console/custody/entries/" + entries.get(1).index(), browser.currentPath());
    assertEquals(entries.get(1).index(), proof.index());
    assertEquals("partner.answer", proof.kind());
    assertTrue(proof.verified(), proof.verdict());
    assertTrue(proof.verdict().startsWith("Vérifiée."), proof.verdict());
    proof.checkAccessibility();
  }
}
