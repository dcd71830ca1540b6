package org.takedown.gateway.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.custody.CustodyEntry;
import org.takedown.gateway.custody.CustodyKind;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.custody.ReadCustodyLog;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.custody.tree.MerkleTree;
import org.takedown.gateway.custody.verify.VerifyEvidence;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * The chain of custody in the console: a request's timeline shows its custody entries with their
 * index and a link to their proof; the proof page shows a proof that verifies and serves the exact
 * content; the case page offers the evidence bundle, which the offline command accepts. Officers
 * only, and the console's 404 page for what does not exist.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleCustodyIT implements TestPropertyProvider {

  /** Not UTF-8, a NUL and every high byte: a download that changes a byte shows. */
  static final byte[] ANSWER = {'{', 0, (byte) 0xff, (byte) 0xc3, '<', '&', '}'};

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject ReadCustodyLog log;
  @Inject TransactionOperations<Connection> transactions;
  Api api;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-7");
  final String submitter = TestTokens.get().submitter("brigade-7");
  String databaseUrl;
  String requestId;
  String caseId;
  List<Long> indexes;

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
  void aRequestWithCustodyEntries() {
    api = new Api(server.getURL(), json);
    console = new ConsoleClient(api);
    Map<String, Object> created =
        new Requests(api).submit(Cases.oneItem(Platform.META, "TAKEDOWN")).get(0);
    requestId = (String) created.get("id");
    caseId = (String) created.get("caseId");
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID request = UUID.fromString(requestId);
    UUID kase = UUID.fromString(caseId);
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
                      "{\"url\":\"<script>alert(1)</script>\"}".getBytes(StandardCharsets.UTF_8)),
                  new CustodyEntry(
                      CustodyKind.PARTNER_ANSWER,
                      at.plusMillis(1),
                      request,
                      kase,
                      Platform.META,
                      "meta",
                      ANSWER),
                  new CustodyEntry(
                      CustodyKind.OFFICER_ACTION,
                      at.plusMillis(2),
                      request,
                      kase,
                      null,
                      "officer-<7>",
                      "{\"action\":\"cancel\"}".getBytes(StandardCharsets.UTF_8))));
          return null;
        });
    indexes =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> {
                  List<ReadCustodyLog.Recorded> recorded = log.recordedOf(request);
                  long signed = log.checkpoint().treeSize();
                  boolean all =
                      recorded.size() == 3
                          && recorded.stream()
                              .allMatch(r -> r.index() != null && r.index() < signed);
                  return all
                      ? recorded.stream().map(ReadCustodyLog.Recorded::index).toList()
                      : null;
                },
                found -> found != null);
  }

  @Test
  void theTimelineShowsEachCustodyEntryWithItsIndexAndAProofLink() {
    ConsoleClient.Page page =
        console.get("/console/requests/" + requestId, officer).assertHtml(200);

    List<Element> rows = page.html().select("#timeline [data-testid=custody-entry]");
    assertEquals(3, rows.size(), page.body());
    List<String> kinds = List.of("partner.request", "partner.answer", "officer.action");
    List<String> words =
        List.of("Appel au partenaire", "Réponse du partenaire", "Action d’un officier");
    for (int i = 0; i < 3; i++) {
      Element row = rows.get(i);
      String index = String.valueOf(indexes.get(i));
      assertEquals(kinds.get(i), row.attr("data-kind"));
      assertEquals(index, row.attr("data-index"));
      assertEquals(words.get(i), row.selectFirst("[data-testid=custody-kind]").text());
      Element link = row.selectFirst("a[data-testid=custody-proof-link]");
      assertEquals("/console/custody/entries/" + index, link.attr("href"));
      assertEquals(index, link.text());
      assertTrue(link.attr("aria-label").contains(index), link.attr("aria-label"));
    }
    assertEquals("officer-<7>", rows.get(2).selectFirst("[data-testid=custody-actor]").text());
    assertTrue(page.body().contains("officer-&lt;7&gt;"), "the actor is escaped");
    // the history's line (the request's creation) is there too, in time order before the entries
    List<Element> all = page.html().select("#timeline tbody tr");
    assertEquals("timeline-entry", all.get(0).attr("data-testid"));
    assertEquals(0, page.html().select("[data-testid=custody-awaiting]").size());
  }

  @Test
  void anEntryNotYetInTheLogIsAwaitingWithoutALinkUntilItIs() throws SQLException {
    Map<String, Object> created =
        new Requests(api).submit(Cases.oneItem(Platform.TIKTOK, "TAKEDOWN")).get(0);
    UUID request = UUID.fromString((String) created.get("id"));
    String path = "/console/requests/" + request;
    // the integrator takes only entries older than every running transaction: hold one open
    try (Connection older = DriverManager.getConnection(databaseUrl, "postgres", "");
        Statement statement = older.createStatement()) {
      older.setAutoCommit(false);
      statement.execute("SELECT pg_current_xact_id()");
      transactions.executeWrite(
          status -> {
            custody.record(
                new CustodyEntry(
                    CustodyKind.PARTNER_REQUEST,
                    Instant.now(),
                    request,
                    UUID.fromString((String) created.get("caseId")),
                    Platform.TIKTOK,
                    CustodyEntry.GATEWAY,
                    "{}".getBytes(StandardCharsets.UTF_8)));
            return null;
          });

      ConsoleClient.Page page = console.get(path, officer).assertHtml(200);

      Element row = page.one("[data-testid=custody-entry]");
      assertEquals("", row.attr("data-index"));
      assertEquals(
          "en attente du registre", row.selectFirst("[data-testid=custody-awaiting]").text());
      assertEquals(0, row.select("a").size(), "no proof yet, no link");
      older.rollback();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                console
                        .get(path, officer)
                        .one("[data-testid=custody-entry]")
                        .select("a[data-testid=custody-proof-link]")
                        .size()
                    == 1);
  }

  @Test
  void theProofPageShowsTheEntryAndAProofThatVerifies() {
    long index = indexes.get(0);
    ConsoleClient.Page page =
        console.get("/console/custody/entries/" + index, officer).assertHtml(200);

    assertEquals("true", page.one("[data-testid=proof-verdict]").attr("data-verified"));
    assertEquals("true", page.one("[data-testid=proof-verifies]").attr("data-verifies"));
    assertEquals("true", page.one("[data-testid=checkpoint-signed]").attr("data-signed"));
    assertEquals("true", page.one("[data-testid=content-matches]").attr("data-matches"));
    assertEquals(String.valueOf(index), page.text("[data-testid=leaf-index]"));
    assertEquals("partner.request", page.text("[data-testid=leaf-kind]"));
    assertEquals(requestId, page.text("[data-testid=leaf-requestId]"));
    assertEquals(caseId, page.text("[data-testid=leaf-caseId]"));
    byte[] content = "{\"url\":\"<script>alert(1)</script>\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(sha256(content), page.text("[data-testid=leaf-contentSha256]"));
    assertEquals(sha256(content), page.text("[data-testid=content-sha256]"));
    assertEquals(
        "/console/custody/entries/" + index + "/content",
        page.one("a[data-testid=content-link]").attr("href"));
    assertEquals(
        "/console/cases/" + caseId + "/evidence",
        page.one("a[data-testid=entry-bundle-link]").attr("href"));
    assertTrue(page.text("[data-testid=offline-command]").contains("VerifyEvidence"));

    // what the page shows is enough to check the proof again
    byte[] leafInput = page.text("[data-testid=leaf-input]").getBytes(StandardCharsets.UTF_8);
    assertEquals(page.text("[data-testid=leaf-hash]"), MerkleTree.leafHash(leafInput).base64());
    long treeSize = Long.parseLong(page.text("[data-testid=proof-tree-size]"));
    assertTrue(treeSize > index);
    List<Hash> path =
        page.html().select("[data-testid=audit-path] code").stream()
            .map(code -> Hash.fromBase64(code.text()))
            .toList();
    Hash root = Hash.fromBase64(page.text("[data-testid=proof-root]"));
    new InclusionProof(index, treeSize, path).verify(MerkleTree.leafHash(leafInput), root);
  }

  @Test
  void theContentDownloadIsTheExactBytes() {
    HttpResponse<byte[]> answer =
        download("/console/custody/entries/" + indexes.get(1) + "/content", officer);

    assertEquals(200, answer.statusCode());
    assertArrayEquals(ANSWER, answer.body());
    assertEquals(
        "application/octet-stream", answer.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(
        answer.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
  }

  @Test
  void theCasePageOffersTheBundleWhichVerifiesOffline() throws IOException {
    ConsoleClient.Page page = console.get("/console/cases/" + caseId, officer).assertHtml(200);
    Element link = page.one("a[data-testid=evidence-bundle]");
    assertEquals("Dossier de preuves (ZIP)", link.text());
    assertTrue(page.text("[data-testid=evidence-command]").contains("VerifyEvidence"));

    HttpResponse<byte[]> answer = download(link.attr("href"), officer);

    assertEquals(200, answer.statusCode());
    assertEquals("application/zip", answer.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
    Path zip = Files.createTempFile("console-evidence", ".zip");
    Files.write(zip, answer.body());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        VerifyEvidence.run(
            new String[] {zip.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(VerifyEvidence.VERIFIED, exit, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("entries: 3 of case " + caseId));
  }

  @Test
  void aSubmitterIsRefusedEveryCustodyRoute() {
    for (String path :
        List.of(
            "/console/custody/entries/" + indexes.get(0),
            "/console/custody/entries/" + indexes.get(0) + "/content",
            "/console/cases/" + caseId + "/evidence")) {
      ConsoleClient.Page page = console.get(path, submitter).assertHtml(403);
      assertEquals("403", page.one("[data-testid=error-page]").attr("data-status"), path);
      assertEquals(403, download(path, submitter).statusCode(), path);
    }
  }

  @Test
  void anUnknownEntryOrCaseIsTheNotFoundPage() {
    for (String path :
        List.of(
            "/console/custody/entries/999999999",
            "/console/custody/entries/-1",
            "/console/custody/entries/abc",
            "/console/custody/entries/999999999/content",
            "/console/cases/" + UUID.randomUUID() + "/evidence",
            "/console/cases/EIB-2024-000123/evidence")) {
      ConsoleClient.Page page = console.get(path, officer).assertHtml(404);
      assertEquals("404", page.one("[data-testid=error-page]").attr("data-status"), path);
    }
  }

  /** A GET with the console session of {@code token}, the body as bytes. */
  private HttpResponse<byte[]> download(String path, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri(path))
            .header("Cookie", TestConsole.cookieFor(token))
            .GET()
            .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
