package org.takedown.gateway.custody;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.custody.tree.ConsistencyProof;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.custody.tree.Proofs;
import org.takedown.gateway.refusal.NotFound;

/**
 * What auditors read from the custody log: the newest checkpoint, a request's or a case's entries
 * (their exact leaf bytes), an entry's content, and proofs for any tree size up to the newest
 * checkpoint's, each proof one read of O(log n) stored nodes.
 */
@Singleton
final class ReadCustodyLog {

  static final String OF_REQUEST =
      "SELECT leaf_index, leaf_input FROM custody_entry"
          + " WHERE request_id = ? AND leaf_index IS NOT NULL ORDER BY leaf_index";

  static final String OF_CASE =
      "SELECT leaf_index, leaf_input FROM custody_entry"
          + " WHERE case_id = ? AND leaf_index IS NOT NULL ORDER BY leaf_index";

  static final String CONTENT = "SELECT content FROM custody_entry WHERE leaf_index = ?";

  /** One entry as it is in the tree: its index and its exact leaf input. */
  record Leaf(long index, byte[] leafInput) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final StoredTree tree;

  ReadCustodyLog(
      JdbcOperations jdbc, TransactionOperations<Connection> transactions, StoredTree tree) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.tree = tree;
  }

  /**
   * The newest signed checkpoint.
   *
   * @throws NotFound before the integrator signed the first one (moments after the first start)
   */
  Checkpoint checkpoint() {
    return transactions
        .executeRead(status -> tree.latestCheckpoint())
        .orElseThrow(() -> new NotFound("no custody checkpoint is signed yet"));
  }

  List<Leaf> ofRequest(UUID requestId) {
    return leaves(OF_REQUEST, requestId);
  }

  List<Leaf> ofCase(UUID caseId) {
    return leaves(OF_CASE, caseId);
  }

  private List<Leaf> leaves(String sql, UUID id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                sql,
                statement -> {
                  statement.setObject(1, id);
                  List<Leaf> leaves = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      leaves.add(new Leaf(rows.getLong("leaf_index"), rows.getBytes("leaf_input")));
                    }
                  }
                  return leaves;
                }));
  }

  /**
   * The exact content of the entry at {@code index}.
   *
   * @throws NotFound when the tree holds no entry there
   */
  byte[] content(long index) {
    Optional<byte[]> content =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    CONTENT,
                    statement -> {
                      statement.setLong(1, index);
                      try (ResultSet rows = statement.executeQuery()) {
                        return rows.next()
                            ? Optional.of(rows.getBytes("content"))
                            : Optional.<byte[]>empty();
                      }
                    }));
    return content.orElseThrow(() -> new NotFound("the custody log has no entry " + index));
  }

  /**
   * The inclusion proof of entry {@code index} in the tree of {@code treeSize} entries (0 <= index
   * < treeSize, checked by the caller).
   *
   * @throws NotFound when {@code treeSize} exceeds the newest checkpoint's
   */
  InclusionProof inclusion(long index, long treeSize) {
    return transactions.executeRead(
        status -> {
          requireSigned(treeSize, "treeSize");
          return Proofs.inclusion(index, treeSize, tree);
        });
  }

  /**
   * The consistency proof between the trees of {@code from} and {@code to} entries (0 <= from <=
   * to, checked by the caller).
   *
   * @throws NotFound when {@code to} exceeds the newest checkpoint's tree size
   */
  ConsistencyProof consistency(long from, long to) {
    return transactions.executeRead(
        status -> {
          requireSigned(to, "to");
          return Proofs.consistency(from, to, tree);
        });
  }

  private void requireSigned(long size, String parameter) {
    long signed = tree.latestCheckpoint().map(Checkpoint::treeSize).orElse(0L);
    if (size > signed) {
      throw new NotFound(
          "%s %d is beyond the custody log: its newest checkpoint covers %d entries"
              .formatted(parameter, size, signed));
    }
  }
}
