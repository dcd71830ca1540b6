package org.takedown.gateway.custody;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.gateway.custody.CustodyViews.CheckpointView;
import org.takedown.gateway.custody.CustodyViews.InclusionProofView;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.custody.tree.Proofs;
import org.takedown.gateway.refusal.NotFound;

/**
 * A case's evidence bundle (GATEWAY-API.md "Chain of custody"): every entry of the case integrated
 * under the newest signed checkpoint, with its content and its inclusion proof to that checkpoint,
 * and the checkpoint and the keys that verify it, each file exactly as the custody endpoints serve
 * it. The bundle is read from the log a page at a time, each page one short read transaction: the
 * log only grows, and the checkpoint is fixed when the bundle is opened, so the pages agree.
 */
@Singleton
final class CaseEvidence {

  /** Entries per page (and per read transaction). */
  static final int PAGE = 100;

  static final String CASE_EXISTS = "SELECT EXISTS (SELECT 1 FROM takedown_case WHERE id = ?)";

  /** Through custody_entry_of_case, then custody_leaf's entry_id key. */
  static final String PAGE_OF_CASE =
      "SELECT l.leaf_index, l.leaf_input, e.content FROM custody_entry e"
          + " JOIN custody_leaf l ON l.entry_id = e.id"
          + " WHERE e.case_id = ? AND l.leaf_index > ? AND l.leaf_index < ?"
          + " ORDER BY l.leaf_index LIMIT ?";

  /** An opened bundle: the checkpoint it is made against, and its bytes to read once. */
  record Bundle(Checkpoint checkpoint, EvidenceZip zip) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final StoredTree tree;
  private final CheckpointSigner signer;
  private final JsonMapper json;

  CaseEvidence(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      StoredTree tree,
      CheckpointSigner signer,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.tree = tree;
    this.signer = signer;
    this.json = json;
  }

  /**
   * The bundle of case {@code caseId} against the newest signed checkpoint.
   *
   * @throws NotFound when there is no such case, or no checkpoint is signed yet
   */
  Bundle open(UUID caseId) {
    Checkpoint checkpoint =
        transactions.executeRead(
            status -> {
              if (!caseExists(caseId)) {
                throw new NotFound("no case " + caseId);
              }
              return tree.latestCheckpoint()
                  .orElseThrow(() -> new NotFound("no custody checkpoint is signed yet"));
            });
    EvidenceZip zip =
        new EvidenceZip(
            bytes(CheckpointView.of(checkpoint)),
            bytes(signer.jwks()),
            after -> page(caseId, after, checkpoint.treeSize()),
            checkpoint.at().toEpochMilli());
    return new Bundle(checkpoint, zip);
  }

  private boolean caseExists(UUID caseId) {
    return jdbc.prepareStatement(
        CASE_EXISTS,
        statement -> {
          statement.setObject(1, caseId);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
          }
        });
  }

  private List<EvidenceZip.Item> page(UUID caseId, long after, long treeSize) {
    return transactions.executeRead(
        status -> {
          record Row(long index, byte[] leafInput, byte[] content) {}
          List<Row> rows =
              jdbc.prepareStatement(
                  PAGE_OF_CASE,
                  statement -> {
                    statement.setObject(1, caseId);
                    statement.setLong(2, after);
                    statement.setLong(3, treeSize);
                    statement.setInt(4, PAGE);
                    List<Row> found = new ArrayList<>();
                    try (ResultSet result = statement.executeQuery()) {
                      while (result.next()) {
                        found.add(
                            new Row(
                                result.getLong("leaf_index"),
                                result.getBytes("leaf_input"),
                                result.getBytes("content")));
                      }
                    }
                    return found;
                  });
          List<EvidenceZip.Item> items = new ArrayList<>(rows.size());
          for (Row row : rows) {
            InclusionProof proof = Proofs.inclusion(row.index(), treeSize, tree);
            InclusionProofView view =
                new InclusionProofView(
                    proof.index(),
                    proof.treeSize(),
                    proof.auditPath().stream().map(Hash::base64).toList());
            items.add(
                new EvidenceZip.Item(row.index(), row.leafInput(), row.content(), bytes(view)));
          }
          return items;
        });
  }

  private byte[] bytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
