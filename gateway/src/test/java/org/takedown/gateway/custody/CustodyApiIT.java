package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * The custody endpoints as an auditor uses them: entries under a signed checkpoint within the
 * contract's 5 s, every proof checked by an independent RFC 9162 verifier against a checkpoint
 * whose signature is checked with the public JWKS; roles; refused parameters.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustodyApiIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject TransactionOperations<Connection> transactions;
  Api api;
  Auditor auditor;
  String officer;

  @Override
  public Map<String, String> getProperties() {
    // the default integrate-interval: the bound is checked as production runs it
    return TestGateway.properties();
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    officer = TestTokens.get().officer("auditor-1");
    auditor = new Auditor(api, officer, json);
  }

  private void record(CustodyEntry... entries) {
    transactions.executeWrite(
        status -> {
          custody.recordAll(List.of(entries));
          return null;
        });
  }

  static CustodyEntry entry(
      CustodyKind kind, UUID request, UUID caseId, String actor, String content) {
    return new CustodyEntry(
        kind,
        Instant.parse("2026-12-06T10:15:30.123456Z"),
        request,
        caseId,
        request == null ? null : Platform.META,
        actor,
        content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anExchangeIsUnderASignedCheckpointWithinFiveSecondsAndEveryProofVerifies() {
    UUID request = UUID.randomUUID();
    UUID caseId = UUID.randomUUID();
    record(
        entry(
            CustodyKind.PARTNER_REQUEST,
            request,
            caseId,
            CustodyEntry.GATEWAY,
            "{\"content_url\":\"https://x\"}"));
    record(entry(CustodyKind.PARTNER_ANSWER, request, caseId, "meta", ""));
    record(
        entry(CustodyKind.OFFICER_ACTION, request, caseId, "officer \"Q\" \u00e9\n", "{\"a\":1}"),
        entry(CustodyKind.PARTNER_CALLBACK, null, null, "tiktok", "orphan"));
    Instant committed = Instant.now();

    Auditor.SignedCheckpoint checkpoint =
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  Map<Long, byte[]> entries = auditor.entriesOfRequest(request.toString());
                  Auditor.SignedCheckpoint c = auditor.checkpoint();
                  return entries.size() == 3
                          && entries.keySet().stream().allMatch(i -> i < c.treeSize())
                      ? c
                      : null;
                },
                c -> c != null);
    assertTrue(Duration.between(committed, Instant.now()).toMillis() < 5_000);

    Map<Long, byte[]> entries = auditor.entriesOfRequest(request.toString());
    assertEquals(entries.keySet(), auditor.entriesOfCase(caseId.toString()).keySet());
    for (Map.Entry<Long, byte[]> e : entries.entrySet()) {
      assertEquals(
          java.util.Optional.empty(), auditor.failure(e.getKey(), e.getValue(), checkpoint));
    }
    List<Map<String, Object>> leaves = entries.values().stream().map(this::parse).toList();
    assertEquals(
        List.of("partner.request", "partner.answer", "officer.action"),
        leaves.stream().map(l -> l.get("kind")).toList());
    Map<String, Object> action = leaves.get(2);
    assertEquals(
        List.of("index", "at", "kind", "requestId", "caseId", "platform", "actor", "contentSha256"),
        List.copyOf(action.keySet()));
    assertEquals("2026-12-06T10:15:30.123456Z", action.get("at"));
    assertEquals(request.toString(), action.get("requestId"));
    assertEquals(caseId.toString(), action.get("caseId"));
    assertEquals("META", action.get("platform"));
    assertEquals("officer \"Q\" \u00e9\n", action.get("actor"));
    assertEquals(
        HexFormat.of()
            .formatHex(IndependentVerifier.sha256("{\"a\":1}".getBytes(StandardCharsets.UTF_8))),
        action.get("contentSha256"));
    long answer = entries.keySet().stream().toList().get(1);
    assertArrayEquals(new byte[0], auditor.content(answer).orElseThrow());
  }

  @Test
  void successiveCheckpointsAreConsistent() {
    record(
        entry(CustodyKind.PARTNER_REQUEST, UUID.randomUUID(), UUID.randomUUID(), "gateway", "1"));
    Auditor.SignedCheckpoint first =
        await().atMost(Duration.ofSeconds(5)).until(auditor::checkpoint, c -> c.treeSize() > 0);
    for (int i = 0; i < 5; i++) {
      record(
          entry(CustodyKind.PARTNER_REQUEST, UUID.randomUUID(), UUID.randomUUID(), "gateway", "n"));
    }
    Auditor.SignedCheckpoint second =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(auditor::checkpoint, c -> c.treeSize() >= first.treeSize() + 5);
    assertTrue(auditor.consistent(first, second));
    assertTrue(auditor.consistent(second, second));
    // a root that is not the signed one fails
    Auditor.SignedCheckpoint forged =
        new Auditor.SignedCheckpoint(
            first.treeSize(), IndependentVerifier.sha256(new byte[] {1}), first.at(), first.jws());
    assertFalse(auditor.consistent(forged, second));
  }

  @Test
  void keysArePublicAndEverythingElseIsForOfficersAndAdmins() {
    Api.Answer keys = api.get("/api/v1/custody/keys", null);
    assertEquals(200, keys.status(), keys.body());
    Map<String, Object> key = keys.list("keys").get(0);
    assertEquals("EC", key.get("kty"));
    assertEquals("P-256", key.get("crv"));
    assertEquals("ES256", key.get("alg"));
    assertFalse(key.containsKey("d"), "never the private part");

    String submitter = TestTokens.get().submitter("submitter-1");
    String admin = TestTokens.get().admin("admin-1");
    UUID any = UUID.randomUUID();
    for (String path :
        List.of(
            "/api/v1/custody/checkpoint",
            "/api/v1/custody/entries?requestId=" + any,
            "/api/v1/custody/entries/0/content",
            "/api/v1/custody/proofs/inclusion?index=0&treeSize=1",
            "/api/v1/custody/proofs/consistency?from=0&to=0")) {
      assertEquals(401, api.get(path, null).status(), path);
      assertEquals(403, api.get(path, submitter).status(), path);
      int status = api.get(path, admin).status();
      assertTrue(status != 401 && status != 403, path + " for an admin: " + status);
    }
  }

  @Test
  void badParametersAreProblemsNamingEachField() {
    assertFields(
        Set.of("index", "treeSize"), "/api/v1/custody/proofs/inclusion?index=x&treeSize=-1");
    assertFields(Set.of("index", "treeSize"), "/api/v1/custody/proofs/inclusion");
    assertFields(Set.of("index"), "/api/v1/custody/proofs/inclusion?index=3&treeSize=3");
    assertFields(Set.of("from", "to"), "/api/v1/custody/proofs/consistency?from=1.5&to=%2B2");
    assertFields(Set.of("from"), "/api/v1/custody/proofs/consistency?from=5&to=2");
    assertFields(Set.of("requestId", "caseId"), "/api/v1/custody/entries");
    assertFields(
        Set.of("requestId", "caseId"),
        "/api/v1/custody/entries?requestId=" + UUID.randomUUID() + "&caseId=" + UUID.randomUUID());
    assertFields(Set.of("requestId"), "/api/v1/custody/entries?requestId=nope");
    assertFields(Set.of("index"), "/api/v1/custody/entries/-1/content");
  }

  @Test
  void positionsBeyondTheSignedTreeAreNotFound() {
    long beyond = auditor.checkpoint().treeSize() + 1_000_000;
    for (String path :
        List.of(
            "/api/v1/custody/proofs/inclusion?index=0&treeSize=" + beyond,
            "/api/v1/custody/proofs/consistency?from=0&to=" + beyond,
            "/api/v1/custody/entries/" + beyond + "/content")) {
      Api.Answer answer = api.get(path, officer);
      assertEquals(404, answer.status(), path + ": " + answer.body());
      assertEquals("application/problem+json", answer.header("Content-Type"));
    }
    Api.Answer none = api.get("/api/v1/custody/entries?caseId=" + UUID.randomUUID(), officer);
    assertEquals(200, none.status());
    assertEquals(List.of(), none.list("items"));
  }

  /** Asks for {@code path}, whose parameters break the rules on purpose. */
  private void assertFields(Set<String> fields, String path) {
    Api.Answer answer = api.withInvalidRequest().get(path, officer);
    assertEquals(422, answer.status(), path + ": " + answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals(
        fields,
        answer.list("errors").stream()
            .map(e -> (String) e.get("field"))
            .collect(Collectors.toSet()),
        path);
    assertNull(answer.json().get("exception"));
  }

  private Map<String, Object> parse(byte[] leafInput) {
    try {
      return json.readValue(leafInput, Argument.mapOf(String.class, Object.class));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
