package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * Someone with superuser access to the database disables the triggers and rewrites the log: the
 * auditor's verification against a checkpoint signed before fails, and names the entry.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustodyTamperingIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject TransactionOperations<Connection> transactions;
  String databaseUrl;
  Auditor auditor;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        TestGateway.properties("gateway.custody.integrate-interval", "100ms");
    databaseUrl = properties.get("datasources.default.url");
    return properties;
  }

  @BeforeAll
  void connect() {
    auditor =
        new Auditor(new Api(server.getURL(), json), TestTokens.get().officer("auditor-2"), json);
  }

  /** A case with {@code n} entries, integrated and signed; its checkpoint, checked. */
  private Auditor.SignedCheckpoint caseOf(UUID caseId, int n) {
    for (int i = 0; i < n; i++) {
      CustodyEntry entry =
          new CustodyEntry(
              CustodyKind.PARTNER_REQUEST,
              Instant.now(),
              UUID.randomUUID(),
              caseId,
              Platform.GOOGLE,
              CustodyEntry.GATEWAY,
              ("{\"call\":" + i + "}").getBytes(StandardCharsets.UTF_8));
      transactions.executeWrite(
          status -> {
            custody.record(entry);
            return null;
          });
    }
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              Auditor.SignedCheckpoint c = auditor.checkpoint();
              Map<Long, byte[]> entries = auditor.entriesOfCase(caseId.toString());
              return entries.size() == n
                      && entries.keySet().stream().allMatch(i -> i < c.treeSize())
                  ? c
                  : null;
            },
            c -> c != null);
  }

  /** Every entry of the case from 0 to its last index the auditor expects, checked in order. */
  private List<String> failures(List<Long> expected, UUID caseId, Auditor.SignedCheckpoint c) {
    Map<Long, byte[]> served = auditor.entriesOfCase(caseId.toString());
    List<String> failures = new ArrayList<>();
    for (long index : expected) {
      byte[] leaf = served.get(index);
      if (leaf == null) {
        failures.add("entry " + index + ": missing");
        continue;
      }
      auditor.failure(index, leaf, c).ifPresent(failures::add);
    }
    return failures;
  }

  private void asSuperuser(String... sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
        Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  /** SQL for the id of the entry at leaf {@code index}. */
  private static String entryOfLeaf(long index) {
    return "(SELECT entry_id FROM custody_leaf WHERE leaf_index = " + index + ")";
  }

  private void withoutTriggers(String table, String sql) throws SQLException {
    asSuperuser(
        "ALTER TABLE " + table + " DISABLE TRIGGER USER",
        sql,
        "ALTER TABLE " + table + " ENABLE TRIGGER USER");
  }

  @Test
  void rewritingAnEntrysLeafBytesFailsThatEntryOnly() throws Exception {
    UUID caseId = UUID.randomUUID();
    Auditor.SignedCheckpoint signed = caseOf(caseId, 4);
    List<Long> indexes = List.copyOf(auditor.entriesOfCase(caseId.toString()).keySet());
    assertEquals(List.of(), failures(indexes, caseId, signed));
    long victim = indexes.get(1);

    // the actor rewritten in the stored leaf input: still valid JSON, same length
    withoutTriggers(
        "custody_leaf",
        "UPDATE custody_leaf SET leaf_input = convert_to(replace(convert_from(leaf_input,"
            + " 'UTF8'), '\"gateway\"', '\"gatewaz\"'), 'UTF8') WHERE leaf_index = "
            + victim);

    assertEquals(
        List.of("entry " + victim + ": inclusion proof does not lead to the signed root"),
        failures(indexes, caseId, signed));
  }

  @Test
  void rewritingAnEntrysContentFailsThatEntry() throws Exception {
    UUID caseId = UUID.randomUUID();
    Auditor.SignedCheckpoint signed = caseOf(caseId, 3);
    List<Long> indexes = List.copyOf(auditor.entriesOfCase(caseId.toString()).keySet());
    long victim = indexes.get(2);

    withoutTriggers(
        "custody_entry",
        "UPDATE custody_entry SET content = convert_to('{\"call\":9}', 'UTF8') WHERE id = "
            + entryOfLeaf(victim));

    assertEquals(
        List.of("entry " + victim + ": content does not match contentSha256"),
        failures(indexes, caseId, signed));
  }

  @Test
  void rewritingTheContentAndItsLeafFailsTheProof() throws Exception {
    UUID caseId = UUID.randomUUID();
    Auditor.SignedCheckpoint signed = caseOf(caseId, 2);
    List<Long> indexes = List.copyOf(auditor.entriesOfCase(caseId.toString()).keySet());
    long victim = indexes.get(0);
    // a careful attacker: new content, and the leaf's contentSha256 made to match it
    withoutTriggers(
        "custody_entry",
        "UPDATE custody_entry SET content = convert_to('{\"call\":7}', 'UTF8') WHERE id = "
            + entryOfLeaf(victim));
    withoutTriggers(
        "custody_leaf",
        "UPDATE custody_leaf"
            + " SET leaf_input = convert_to(regexp_replace(convert_from(leaf_input, 'UTF8'),"
            + " '\"contentSha256\":\"[0-9a-f]+\"', '\"contentSha256\":\"' ||"
            + " encode(sha256(convert_to('{\"call\":7}', 'UTF8')), 'hex') || '\"'), 'UTF8')"
            + " WHERE leaf_index = "
            + victim);

    assertEquals(
        List.of("entry " + victim + ": inclusion proof does not lead to the signed root"),
        failures(indexes, caseId, signed));
  }

  @Test
  void deletingAnEntryFailsThatEntry() throws Exception {
    UUID caseId = UUID.randomUUID();
    Auditor.SignedCheckpoint signed = caseOf(caseId, 3);
    List<Long> indexes = List.copyOf(auditor.entriesOfCase(caseId.toString()).keySet());
    long victim = indexes.get(1);

    withoutTriggers("custody_entry", "DELETE FROM custody_entry WHERE id = " + entryOfLeaf(victim));

    assertEquals(List.of("entry " + victim + ": missing"), failures(indexes, caseId, signed));
    assertEquals(Optional.empty(), auditor.content(victim));
  }

  @Test
  void rewritingAStoredNodeFailsTheEntriesWhoseProofsPassThroughIt() throws Exception {
    UUID caseId = UUID.randomUUID();
    Auditor.SignedCheckpoint signed = caseOf(caseId, 4);
    List<Long> indexes = List.copyOf(auditor.entriesOfCase(caseId.toString()).keySet());
    // four consecutive indexes hold a pair of siblings: an even leaf and the next
    long victim =
        indexes.stream()
            .filter(i -> i % 2 == 0 && indexes.contains(i + 1))
            .findFirst()
            .orElseThrow();
    withoutTriggers(
        "custody_node",
        "UPDATE custody_node SET hash = sha256('\\x00'::bytea || 'forged'::bytea)"
            + " WHERE level = 0 AND node_index = "
            + victim);

    // the victim's own proof does not use its node; its sibling's starts with it
    assertEquals(
        List.of("entry " + (victim + 1) + ": inclusion proof does not lead to the signed root"),
        failures(indexes, caseId, signed));
  }
}
