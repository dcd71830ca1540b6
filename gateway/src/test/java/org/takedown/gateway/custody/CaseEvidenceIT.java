package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.custody.verify.VerifyEvidence;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * A case's evidence bundle as an auditor uses it: downloaded, it holds exactly what the custody
 * endpoints serve and verifies offline; one byte changed anywhere, or a stored entry rewritten by a
 * superuser, and the verification command fails naming the entry.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseEvidenceIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject TransactionOperations<Connection> transactions;
  String databaseUrl;
  Api api;
  Auditor auditor;
  Bundles bundles;
  String officer;
  String submitter;
  String caseId;
  List<Long> indexes;
  byte[] bundle;

  @Override
  public Map<String, String> getProperties() {
    // nothing is sent to a partner: every entry is one this test records
    Map<String, String> properties =
        TestGateway.properties(
            "gateway.dispatch.enabled", "false", "gateway.custody.integrate-interval", "100ms");
    databaseUrl = properties.get("datasources.default.url");
    return properties;
  }

  @BeforeAll
  void aCaseWithEntries() throws IOException {
    Path dir = Files.createTempDirectory("evidence-bundles");
    api = new Api(server.getURL(), json);
    officer = TestTokens.get().officer("auditor-3");
    submitter = TestTokens.get().submitter("brigade-3");
    auditor = new Auditor(api, officer, json);
    bundles = new Bundles(api, dir);
    caseId = newCase();
    // another case's entries between this case's: the bundle holds only its own
    record(caseId, "{\"call\":0}", "");
    record(newCase(), "{\"other\":1}");
    record(caseId, "{\"call\":1}", "{\"id\":\"partner-7\"}");
    record(newCase(), "{\"other\":2}");
    record(caseId, "GET /v21.0/partner-7?fields=status");
    indexes = integrated(caseId, 5);
    bundle = bundles.of(caseId, officer);
  }

  private String newCase() {
    Api.Answer created = api.post("/api/v1/cases", submitter, api.toJson(Cases.sample()));
    assertEquals(201, created.status(), created.body());
    return (String) created.json().get("id");
  }

  /** One committed transaction per call, one entry per content. */
  private void record(String caseId, String... contents) {
    List<CustodyEntry> entries = new ArrayList<>();
    UUID request = UUID.randomUUID();
    for (String content : contents) {
      entries.add(
          new CustodyEntry(
              entries.size() % 2 == 0 ? CustodyKind.PARTNER_REQUEST : CustodyKind.PARTNER_ANSWER,
              Instant.now(),
              request,
              UUID.fromString(caseId),
              Platform.META,
              entries.size() % 2 == 0 ? CustodyEntry.GATEWAY : "meta",
              content.getBytes(StandardCharsets.UTF_8)));
    }
    transactions.executeWrite(
        status -> {
          custody.recordAll(entries);
          return null;
        });
  }

  /** The case's indexes, once {@code n} of them are under a signed checkpoint. */
  private List<Long> integrated(String caseId, int n) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              long signed = auditor.checkpoint().treeSize();
              List<Long> found = List.copyOf(auditor.entriesOfCase(caseId).keySet());
              return found.size() == n && found.stream().allMatch(i -> i < signed) ? found : null;
            },
            found -> found != null);
  }

  private Map<String, Object> parse(byte[] bytes) {
    try {
      return json.readValue(bytes, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void holdsTheContractsFilesExactlyAsTheCustodyEndpointsServeThem() {
    Map<String, byte[]> files = Bundles.files(bundle);
    List<String> expected = new ArrayList<>(List.of("checkpoint.json", "keys.json"));
    for (long index : indexes) {
      expected.addAll(
          List.of("entries/" + index + ".json", "content/" + index, "proofs/" + index + ".json"));
    }
    assertEquals(expected, List.copyOf(files.keySet()));

    Map<String, Object> checkpoint = parse(files.get("checkpoint.json"));
    assertEquals(List.of("treeSize", "rootHash", "at", "jws"), List.copyOf(checkpoint.keySet()));
    long treeSize = ((Number) checkpoint.get("treeSize")).longValue();
    auditor.verified(
        treeSize,
        (String) checkpoint.get("rootHash"),
        (String) checkpoint.get("at"),
        (String) checkpoint.get("jws"));
    assertEquals(
        parse(api.get("/api/v1/custody/keys", null).body().getBytes(StandardCharsets.UTF_8)),
        parse(files.get("keys.json")));
    Map<Long, byte[]> served = auditor.entriesOfCase(caseId);
    for (long index : indexes) {
      assertArrayEquals(served.get(index), files.get("entries/" + index + ".json"));
      assertArrayEquals(auditor.content(index).orElseThrow(), files.get("content/" + index));
      Api.Answer proof =
          api.get(
              "/api/v1/custody/proofs/inclusion?index=" + index + "&treeSize=" + treeSize, officer);
      assertEquals(proof.json(), parse(files.get("proofs/" + index + ".json")));
    }
  }

  @Test
  void verifiesOffline() {
    Bundles.Verdict verdict = bundles.verify(bundle);

    assertEquals(VerifyEvidence.VERIFIED, verdict.exit(), verdict.err());
    assertTrue(verdict.out().startsWith("VERIFIED "), verdict.out());
    assertTrue(verdict.out().contains("entries: 5 of case " + caseId), verdict.out());
  }

  @Test
  void verifiesAsACommandOfItsOwnWithNothingButTheBundle() throws Exception {
    Path file = bundles.save("as-downloaded.zip", bundle);
    Path tampered =
        bundles.save(
            "tampered.zip",
            Bundles.with(bundle, "content/" + indexes.get(2), b -> Bundles.replace(b, "1", "2")));

    assertEquals(0, command(file).exitValue());
    Process failing = command(tampered);
    assertEquals(1, failing.exitValue());
    String err = new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(err.startsWith("FAILED: entry " + indexes.get(2) + ": "), err);
  }

  /** {@code java -cp <the test class path> ...VerifyEvidence file}, run to its end. */
  private static Process command(Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VerifyEvidence.class.getName(),
                file.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends");
    return process;
  }

  @Test
  void oneChangedContentByteFailsNamingThatEntry() {
    long victim = indexes.get(2);
    byte[] tampered =
        Bundles.with(
            bundle,
            "content/" + victim,
            content -> {
              byte[] changed = content.clone();
              changed[changed.length - 1] ^= 1;
              return changed;
            });

    Bundles.Verdict verdict = bundles.verify(tampered);

    assertEquals(VerifyEvidence.FAILED, verdict.exit(), verdict.out());
    assertTrue(
        verdict
            .err()
            .startsWith(
                "FAILED: entry "
                    + victim
                    + ": content/"
                    + victim
                    + " does not match the contentSha256 of entries/"
                    + victim
                    + ".json"),
        verdict.err());
  }

  @Test
  void aChangedLeafInputFailsNamingThatEntry() {
    long victim = indexes.get(1);
    byte[] tampered =
        Bundles.with(
            bundle,
            "entries/" + victim + ".json",
            leaf -> Bundles.replace(leaf, "\"actor\":\"meta\"", "\"actor\":\"mela\""));

    Bundles.Verdict verdict = bundles.verify(tampered);

    assertEquals(VerifyEvidence.FAILED, verdict.exit());
    assertTrue(
        verdict.err().startsWith("FAILED: entry " + victim + ": the leaf hash of entries/"),
        verdict.err());
    assertTrue(verdict.err().contains("do not lead to the checkpoint's root"), verdict.err());
  }

  @Test
  void aLeafNamingAnotherIndexFailsNamingTheEntry() {
    long victim = indexes.get(0);
    byte[] tampered =
        Bundles.with(
            bundle,
            "entries/" + victim + ".json",
            leaf -> Bundles.replace(leaf, "{\"index\":" + victim + ",", "{\"index\":99999,"));

    Bundles.Verdict verdict = bundles.verify(tampered);

    assertEquals(
        "FAILED: entry " + victim + ": entries/" + victim + ".json names index 99999\n",
        verdict.err());
  }

  @Test
  void aCheckpointWithABadSignatureFails() {
    byte[] forged =
        Bundles.with(
            bundle,
            "checkpoint.json",
            checkpoint -> {
              Map<String, Object> c = parse(checkpoint);
              String jws = (String) c.get("jws");
              // the signature's first character changed: same length, another signature
              int at = jws.lastIndexOf('.') + 1;
              char first = jws.charAt(at);
              return Bundles.replace(
                  checkpoint,
                  jws,
                  jws.substring(0, at) + (first == 'A' ? 'B' : 'A') + jws.substring(at + 1));
            });
    byte[] resized =
        Bundles.with(
            bundle,
            "checkpoint.json",
            checkpoint -> {
              long size = ((Number) parse(checkpoint).get("treeSize")).longValue();
              return Bundles.replace(
                  checkpoint, "\"treeSize\":" + size, "\"treeSize\":" + (size + 1));
            });

    Bundles.Verdict bad = bundles.verify(forged);
    Bundles.Verdict lying = bundles.verify(resized);

    assertEquals(VerifyEvidence.FAILED, bad.exit());
    assertTrue(
        bad.err().startsWith("FAILED: checkpoint: the signature of jws does not verify"),
        bad.err());
    assertEquals(VerifyEvidence.FAILED, lying.exit());
    assertTrue(lying.err().startsWith("FAILED: checkpoint: treeSize "), lying.err());
  }

  @Test
  void anExtraOrMissingFileFails() {
    Map<String, byte[]> files = Bundles.files(bundle);
    long victim = indexes.get(3);
    files.remove("proofs/" + victim + ".json");
    Bundles.Verdict missing = bundles.verify(Bundles.zip(files));
    files = Bundles.files(bundle);
    files.put("notes.txt", new byte[] {1});
    Bundles.Verdict extra = bundles.verify(Bundles.zip(files));

    assertEquals(
        "FAILED: entry " + victim + ": proofs/" + victim + ".json is missing from the bundle\n",
        missing.err());
    assertTrue(extra.err().startsWith("FAILED: bundle: unexpected file notes.txt"), extra.err());
  }

  @Test
  void provesConsistencyWithACheckpointObtainedEarlier() {
    byte[] earlier = Bundles.files(bundle).get("checkpoint.json");
    long earlierSize = ((Number) parse(earlier).get("treeSize")).longValue();
    String later = newCase();
    record(later, "{\"call\":\"later\"}");
    integrated(later, 1);
    byte[] laterBundle = bundles.of(later, officer);
    long laterSize =
        ((Number) parse(Bundles.files(laterBundle).get("checkpoint.json")).get("treeSize"))
            .longValue();
    Api.Answer proof =
        api.get(
            "/api/v1/custody/proofs/consistency?from=" + earlierSize + "&to=" + laterSize, officer);
    assertEquals(200, proof.status(), proof.body());
    String earlierFile = bundles.save("earlier-checkpoint.json", earlier).toString();
    String proofFile =
        bundles.save("consistency.json", proof.body().getBytes(StandardCharsets.UTF_8)).toString();
    Map<String, Object> forged = proof.json();
    @SuppressWarnings("unchecked")
    List<String> path = new ArrayList<>((List<String>) forged.get("proof"));
    path.set(0, Base64.getEncoder().encodeToString(IndependentVerifier.sha256(new byte[] {7})));
    forged.put("proof", path);
    String forgedFile =
        bundles.save("forged.json", api.toJson(forged).getBytes(StandardCharsets.UTF_8)).toString();

    Bundles.Verdict consistent =
        bundles.verify(laterBundle, "--checkpoint", earlierFile, "--consistency", proofFile);
    Bundles.Verdict withoutProof = bundles.verify(laterBundle, "--checkpoint", earlierFile);
    Bundles.Verdict forgedProof =
        bundles.verify(laterBundle, "--checkpoint", earlierFile, "--consistency", forgedFile);

    assertEquals(VerifyEvidence.VERIFIED, consistent.exit(), consistent.err());
    assertTrue(
        consistent.out().contains("consistent with the earlier checkpoint of " + earlierSize),
        consistent.out());
    assertEquals(VerifyEvidence.FAILED, withoutProof.exit());
    assertTrue(
        withoutProof.err().startsWith("FAILED: consistency: --consistency is needed"),
        withoutProof.err());
    assertEquals(VerifyEvidence.FAILED, forgedProof.exit());
    assertTrue(forgedProof.err().startsWith("FAILED: consistency: "), forgedProof.err());
  }

  @Test
  void aCaseOfManyEntriesIsReadFromTheLogPageByPage() {
    String many = newCase();
    int n = CaseEvidence.PAGE * 2 + 7;
    String[] contents = new String[n];
    for (int i = 0; i < n; i++) {
      contents[i] = "{\"call\":" + i + "}";
    }
    record(many, contents);
    List<Long> entries = integrated(many, n);

    byte[] zip = bundles.of(many, officer);
    Bundles.Verdict verdict = bundles.verify(zip);

    assertEquals(VerifyEvidence.VERIFIED, verdict.exit(), verdict.err());
    assertTrue(verdict.out().contains("entries: " + n + " of case " + many), verdict.out());
    assertEquals(2 + 3 * n, Bundles.files(zip).size());
    assertTrue(Bundles.files(zip).containsKey("content/" + entries.get(n - 1)));
  }

  @Test
  void aCaseWithoutEntriesHasABundleThatVerifies() {
    Bundles.Verdict verdict = bundles.verify(bundles.of(newCase(), officer));

    assertEquals(VerifyEvidence.VERIFIED, verdict.exit(), verdict.err());
    assertTrue(verdict.out().contains("entries: none"), verdict.out());
  }

  @Test
  void isForOfficersAndAdminsAndAnUnknownCaseIsNotFound() {
    assertEquals(401, bundles.download(caseId, null).statusCode());
    // the case's own submitter too: custody is for officers and admins (GATEWAY-API.md)
    assertEquals(403, bundles.download(caseId, submitter).statusCode());
    HttpResponse<byte[]> admin = bundles.download(caseId, TestTokens.get().admin("admin-3"));
    assertEquals(200, admin.statusCode());
    String disposition = admin.headers().firstValue("Content-Disposition").orElse("");
    assertTrue(
        disposition.startsWith("attachment; filename=\"case-" + caseId + "-evidence-"),
        disposition);
    assertEquals("no-store", admin.headers().firstValue("Cache-Control").orElse(null));
    HttpResponse<byte[]> unknown = bundles.download(UUID.randomUUID().toString(), officer);
    assertEquals(404, unknown.statusCode());
    assertEquals(
        "application/problem+json", unknown.headers().firstValue("Content-Type").orElse(null));
  }

  @Test
  void aSuperuserRewriteOfAStoredEntryFailsTheNextBundleNamingIt() throws SQLException {
    String rewritten = newCase();
    record(rewritten, "{\"call\":0}", "{\"id\":\"a\"}", "{\"call\":1}");
    List<Long> entries = integrated(rewritten, 3);
    assertEquals(VerifyEvidence.VERIFIED, bundles.verify(bundles.of(rewritten, officer)).exit());
    // a careful attacker: new content, and the leaf's contentSha256 made to match it
    String careful = newCase();
    record(careful, "{\"call\":0}", "{\"id\":\"b\"}");
    List<Long> carefulEntries = integrated(careful, 2);

    long victim = entries.get(1);
    long carefulVictim = carefulEntries.get(0);
    withoutTriggers(
        "UPDATE custody_entry SET content = convert_to('{\"id\":\"z\"}', 'UTF8')"
            + " WHERE id = (SELECT entry_id FROM custody_leaf WHERE leaf_index = "
            + victim
            + ")",
        "UPDATE custody_entry SET content = convert_to('{\"call\":7}', 'UTF8')"
            + " WHERE id = (SELECT entry_id FROM custody_leaf WHERE leaf_index = "
            + carefulVictim
            + ")",
        "UPDATE custody_leaf"
            + " SET leaf_input = convert_to(regexp_replace(convert_from(leaf_input, 'UTF8'),"
            + " '\"contentSha256\":\"[0-9a-f]+\"', '\"contentSha256\":\"' ||"
            + " encode(sha256(convert_to('{\"call\":7}', 'UTF8')), 'hex') || '\"'), 'UTF8')"
            + " WHERE leaf_index = "
            + carefulVictim);

    Bundles.Verdict verdict = bundles.verify(bundles.of(rewritten, officer));
    Bundles.Verdict carefulVerdict = bundles.verify(bundles.of(careful, officer));

    assertEquals(VerifyEvidence.FAILED, verdict.exit());
    assertTrue(
        verdict.err().startsWith("FAILED: entry " + victim + ": content/" + victim), verdict.err());
    assertEquals(VerifyEvidence.FAILED, carefulVerdict.exit());
    assertTrue(
        carefulVerdict.err().startsWith("FAILED: entry " + carefulVictim + ": the leaf hash of"),
        carefulVerdict.err());
  }

  private void withoutTriggers(String... sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE custody_entry DISABLE TRIGGER USER");
      statement.execute("ALTER TABLE custody_leaf DISABLE TRIGGER USER");
      for (String s : sql) {
        statement.execute(s);
      }
      statement.execute("ALTER TABLE custody_leaf ENABLE TRIGGER USER");
      statement.execute("ALTER TABLE custody_entry ENABLE TRIGGER USER");
    }
  }
}
