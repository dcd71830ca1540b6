package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.gateway.callback.SandboxCallbackTarget;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Refusals;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.sandbox.CallbackDelivery;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSimulator;

/**
 * Every exchange with a partner and every officer action in the chain of custody, as the contract
 * says (GATEWAY-API.md "Chain of custody"): the calls and answers byte for byte as the partner's
 * WireMock journal has them, verified callbacks by their raw bodies, forged ones not at all,
 * officer actions with their reason, no credential anywhere, all integrated within the contract's 5
 * s.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustodyWiringIT implements TestPropertyProvider {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Duration BOUND = Duration.ofSeconds(5);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Api api;
  Requests requests;
  SandboxCallbackTarget callbacks;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    callbacks = SandboxCallbackTarget.pointAt(server.getURI());
  }

  @AfterAll
  void giveTheSandboxBack() {
    callbacks.restore();
  }

  /** One stored entry, as the table holds it. */
  record Entry(
      long id,
      String kind,
      Instant at,
      UUID requestId,
      UUID caseId,
      String platform,
      String actor,
      byte[] content,
      Long leafIndex) {

    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private List<Entry> entries(String where, Object... parameters) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT id, kind, at, request_id, case_id, platform, actor, content, l.leaf_index"
                    + " FROM custody_entry LEFT JOIN custody_leaf l ON l.entry_id = id WHERE "
                    + where
                    + " ORDER BY id",
                statement -> {
                  for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                  }
                  List<Entry> rows = new ArrayList<>();
                  try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                      long index = row.getLong("leaf_index");
                      rows.add(
                          new Entry(
                              row.getLong("id"),
                              row.getString("kind"),
                              PgTime.get(row, "at"),
                              row.getObject("request_id", UUID.class),
                              row.getObject("case_id", UUID.class),
                              row.getString("platform"),
                              row.getString("actor"),
                              row.getBytes("content"),
                              row.wasNull() ? null : index));
                    }
                  }
                  return rows;
                }));
  }

  private List<Entry> entriesOf(String requestId) {
    return entries("request_id = ?", UUID.fromString(requestId));
  }

  /** Every entry of the request is in the tree within the contract's bound. */
  private List<Entry> integratedEntriesOf(String requestId) {
    await()
        .atMost(BOUND)
        .until(() -> entriesOf(requestId).stream().allMatch(e -> e.leafIndex() != null));
    return entriesOf(requestId);
  }

  private Api.Answer act(String id, String action, String reason) {
    return api.post(
        "/api/v1/requests/" + id + "/" + action, officer, api.toJson(Map.of("reason", reason)));
  }

  /** The calls the partner's WireMock received about the request, and its answers, in order. */
  private static List<ServeEvent> callsAbout(PartnerSimulator partner, String... named) {
    Set<String> names = new LinkedHashSet<>(List.of(named));
    List<ServeEvent> oldestFirst = new ArrayList<>(partner.wireMock().getAllServeEvents());
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst.stream()
        .filter(
            event -> {
              String url = event.getRequest().getUrl();
              String body = event.getRequest().getBodyAsString();
              if (url.startsWith("/__sandbox") || url.contains("/oauth") || url.contains("token")) {
                return false;
              }
              return names.stream()
                  .anyMatch(
                      name ->
                          url.contains("/" + name)
                              || url.contains("=" + name)
                              || body.contains("\"" + name + "\""));
            })
        .sorted(Comparator.comparing((ServeEvent e) -> e.getRequest().getLoggedDate()))
        .toList();
  }

  private static byte[] expectedRequestContent(ServeEvent event) {
    byte[] body = event.getRequest().getBody();
    if (body != null && body.length > 0) {
      return body;
    }
    return (event.getRequest().getMethod().value() + " " + event.getRequest().getUrl())
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void eachCallToThePartnerAndItsAnswerAreLoggedByteForByte(Platform platform) {
    PartnerSimulator partner = TestGateway.simulator(platform);
    String id = (String) requests.submit(Cases.oneItem(platform, "PRESERVATION")).get(0).get("id");
    Map<String, Object> submitted = requests.awaitStatus(id, "SUBMITTED");
    partner.muteCallbacks(id);
    String ref = (String) submitted.get("partnerRef");
    partner.preserve(id);
    requests.awaitStatus(id, "COMPLETED");

    Api.Answer extended = act(id, "extend-preservation", "prosecutor asked for 90 more days");
    assertEquals(200, extended.status(), extended.body());

    List<Entry> entries = integratedEntriesOf(id);
    List<ServeEvent> calls =
        platform == Platform.GOOGLE
            ? callsAbout(partner, id, ref, operationOf(id))
            : callsAbout(partner, id, ref);
    List<Entry> exchanged =
        entries.stream().filter(e -> e.kind().startsWith("partner.") && !isCallback(e)).toList();
    assertTrue(calls.size() >= 3, "a submission, a status read and an extension: " + calls.size());
    assertEquals(2 * calls.size(), exchanged.size(), "a request and an answer per call");
    UUID caseId = exchanged.get(0).caseId();
    assertNotNull(caseId);
    String actor = platform.name().toLowerCase();
    for (int k = 0; k < calls.size(); k++) {
      ServeEvent call = calls.get(k);
      Entry sent = exchanged.get(2 * k);
      Entry answered = exchanged.get(2 * k + 1);
      String what = call.getRequest().getMethod() + " " + call.getRequest().getUrl();
      assertEquals("partner.request", sent.kind(), what);
      assertArrayEquals(expectedRequestContent(call), sent.content(), what + ": " + sent.text());
      assertEquals("gateway", sent.actor());
      assertEquals("partner.answer", answered.kind(), what);
      assertArrayEquals(call.getResponse().getBody(), answered.content(), what);
      assertEquals(actor, answered.actor());
      for (Entry entry : List.of(sent, answered)) {
        assertEquals(platform.name(), entry.platform());
        assertEquals(caseId, entry.caseId());
      }
    }
    assertTrue(
        calls.stream().anyMatch(c -> expectedRequestContent(c)[0] == 'G' || isQuery(c)),
        "a status read is among them");

    List<Entry> actions = entries.stream().filter(e -> e.kind().equals("officer.action")).toList();
    assertEquals(1, actions.size(), actions.toString());
    Entry action = actions.get(0);
    assertEquals("officer-1", action.actor());
    assertEquals(
        "{\"action\":\"extend-preservation\",\"requestId\":\""
            + id
            + "\",\"reason\":\"prosecutor asked for 90 more days\",\"at\":\""
            + action.at()
            + "\"}",
        action.text());
    assertTrue(
        action.id() < exchanged.get(exchanged.size() - 2).id(),
        "the action comes before the extension's call it made");
  }

  private String operationOf(String id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT partner_operation FROM takedown_request WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id));
                  try (ResultSet row = statement.executeQuery()) {
                    assertTrue(row.next());
                    return row.getString(1);
                  }
                }));
  }

  private static boolean isQuery(ServeEvent call) {
    return call.getRequest().getUrl().contains("/query/");
  }

  private static boolean isCallback(Entry entry) {
    return entry.kind().equals("partner.callback");
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void aVerifiedCallbackIsLoggedByItsRawBody(Platform platform) {
    PartnerSimulator partner = TestGateway.simulator(platform);
    String id = (String) requests.submit(Cases.oneItem(platform, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");

    partner.complete(id, "REMOVED");
    await()
        .atMost(PATIENCE)
        .until(() -> partner.callbacks().stream().anyMatch(d -> matches(d, id)));
    CallbackDelivery delivery =
        partner.callbacks().stream().filter(d -> matches(d, id)).findFirst().orElseThrow();
    assertEquals(200, delivery.statusCode(), delivery.toString());

    List<Entry> logged =
        integratedEntriesOf(id).stream().filter(CustodyWiringIT::isCallback).toList();
    assertEquals(1, logged.size(), logged.toString());
    assertArrayEquals(delivery.body().getBytes(StandardCharsets.UTF_8), logged.get(0).content());
    assertEquals(platform.name().toLowerCase(), logged.get(0).actor());
    assertNotNull(logged.get(0).caseId());
  }

  private static boolean matches(CallbackDelivery delivery, String id) {
    return id.equals(delivery.reference()) && delivery.delivered();
  }

  @Test
  void aVerifiedCallbackAboutNoKnownRequestIsLoggedWithoutARequest() {
    String body = metaCallback("9" + System.nanoTime());

    Api.Answer answer = signedMetaCallback(body, sign(body));

    assertEquals(200, answer.status(), answer.body());
    List<Entry> logged =
        entries("kind = 'partner.callback' AND content = ?", body.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, logged.size());
    assertNull(logged.get(0).requestId());
    assertNull(logged.get(0).caseId());
    assertEquals("meta", logged.get(0).actor());
  }

  @Test
  void aForgedCallbackIsNotLogged() {
    String id = (String) requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN")).get(0).get("id");
    String ref = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    String body = metaCallback(ref);

    Api.Answer answer = signedMetaCallback(body, "sha256=" + "0".repeat(64));

    assertTrue(answer.status() == 401 || answer.status() == 403, answer.body());
    assertEquals(
        List.of(),
        entries("content = ?", body.getBytes(StandardCharsets.UTF_8)),
        "nothing of a forged callback");
    assertTrue(entriesOf(id).stream().noneMatch(CustodyWiringIT::isCallback));
  }

  private static String metaCallback(String ref) {
    return "{\"object\":\"legal_request\",\"entry\":[{\"id\":\""
        + MetaSimulator.AGENCY_ID
        + "\",\"time\":1718900000,\"changes\":[{\"field\":\"status\",\"value\":{\"request_id\":\""
        + ref
        + "\",\"status\":\"IN_REVIEW\",\"updated_time\":\""
        + Instant.now()
        + "\"}}]}]}";
  }

  private Api.Answer signedMetaCallback(String body, String signature) {
    return api.post(
        "/webhooks/meta",
        null,
        body,
        "X-Hub-Signature-256",
        signature,
        "Content-Type",
        "application/json");
  }

  private static String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              MetaSimulator.APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anOfficersRetryAndCancelAreLoggedWithTheirReason() {
    Map<String, Object> refusedCase = Cases.sample();
    refusedCase.put("items", List.of(Cases.item(Refusals.metaRefuses(), "TAKEDOWN")));
    String failed = (String) requests.submit(refusedCase).get(0).get("id");
    requests.awaitStatus(failed, "FAILED");
    String open =
        (String) requests.submit(Cases.oneItem(Platform.TIKTOK, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(open, "SUBMITTED");

    assertEquals(200, act(failed, "retry", "the URL was fixed by Meta").status());
    assertEquals(200, act(open, "cancel", "content gone, \"per\" the victim").status());

    Entry retry = onlyAction(failed);
    assertEquals("officer-1", retry.actor());
    assertEquals(
        "{\"action\":\"retry\",\"requestId\":\""
            + failed
            + "\",\"reason\":\"the URL was fixed by Meta\",\"at\":\""
            + retry.at()
            + "\"}",
        retry.text());
    Entry cancel = onlyAction(open);
    assertEquals(
        "{\"action\":\"cancel\",\"requestId\":\""
            + open
            + "\",\"reason\":\"content gone, \\\"per\\\" the victim\",\"at\":\""
            + cancel.at()
            + "\"}",
        cancel.text());
    assertEquals("TIKTOK", cancel.platform());
    // the refused create is in the log with Meta's error body as its answer
    Entry refusal =
        entriesOf(failed).stream()
            .filter(e -> e.kind().equals("partner.answer"))
            .findFirst()
            .orElseThrow();
    ServeEvent refused = callsAbout(TestGateway.sandbox().meta(), failed).get(0);
    assertEquals(400, refused.getResponse().getStatus());
    assertArrayEquals(refused.getResponse().getBody(), refusal.content());
    assertTrue(refusal.text().contains("\"code\":100"), refusal.text());
  }

  @Test
  void aRetryFromTheDeadLetterIsLoggedAsTheAdminsAction() {
    Map<String, Object> refusedCase = Cases.sample();
    refusedCase.put("items", List.of(Cases.item(Refusals.metaRefuses(), "TAKEDOWN")));
    String failed = (String) requests.submit(refusedCase).get(0).get("id");
    requests.awaitStatus(failed, "FAILED");

    Api.Answer answer =
        api.post(
            "/api/v1/admin/dead-letters/retry",
            TestTokens.get().admin("admin-1"),
            api.toJson(Map.of("platform", "META", "dryRun", false)));
    assertEquals(200, answer.status(), answer.body());

    Entry retry = onlyAction(failed);
    assertEquals("admin-1", retry.actor());
    assertEquals(
        "{\"action\":\"retry\",\"requestId\":\""
            + failed
            + "\",\"reason\":null,\"at\":\""
            + retry.at()
            + "\"}",
        retry.text());
  }

  private Entry onlyAction(String id) {
    List<Entry> actions =
        integratedEntriesOf(id).stream().filter(e -> e.kind().equals("officer.action")).toList();
    assertEquals(1, actions.size(), actions.toString());
    return actions.get(0);
  }

  @Test
  void noEntryHoldsACredential() throws IOException {
    for (Map<String, Object> request : requests.submit(Cases.sample())) {
      requests.awaitStatus(request.get("id"), "SUBMITTED");
    }
    Set<String> secrets = new LinkedHashSet<>();
    Map<String, String> configured = TestGateway.sandbox().gatewayProperties();
    configured.forEach(
        (key, value) -> {
          if (key.endsWith("access-token")
              || key.endsWith("app-secret")
              || key.endsWith("verify-token")
              || key.endsWith("client-secret")) {
            secrets.add(value);
          }
        });
    String keyFile =
        Files.readString(Path.of(configured.get("gateway.partners.google.service-account-file")));
    @SuppressWarnings("unchecked")
    Map<String, Object> serviceAccount = json.readValue(keyFile, Map.class);
    secrets.add((String) serviceAccount.get("private_key"));
    secrets.add("PRIVATE KEY");
    for (PartnerSimulator partner :
        List.of(
            TestGateway.sandbox().meta(),
            TestGateway.sandbox().tiktok(),
            TestGateway.sandbox().google())) {
      for (ServeEvent event : partner.wireMock().getAllServeEvents()) {
        String authorization = event.getRequest().getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
          secrets.add(authorization.substring("Bearer ".length()));
        }
      }
    }
    assertTrue(secrets.size() > 7, "TikTok's and Google's bearer tokens were seen: " + secrets);

    List<Entry> all = entries("TRUE");
    assertFalse(all.isEmpty());
    for (Entry entry : all) {
      String content = entry.text();
      for (String secret : secrets) {
        assertFalse(
            content.contains(secret),
            "entry " + entry.id() + " (" + entry.kind() + ") holds a credential");
      }
    }
  }
}
