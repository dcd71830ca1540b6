package org.takedown.gateway.custody;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.custody.tree.ConsistencyProof;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.custody.tree.MerkleTree;
import org.takedown.gateway.custody.tree.Proofs;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.request.PgTime;

/**
 * What auditors read from the custody log: the newest checkpoint, a request's or a case's entries
 * (their exact leaf bytes), an entry's content, and proofs for any tree size up to the newest
 * checkpoint's, each proof one read of O(log n) stored nodes. The API's custody endpoints and the
 * console's custody pages both read through it.
 */
@Singleton
public final class ReadCustodyLog {

  /** Through custody_entry_of_request, then custody_leaf's entry_id key. */
  static final String OF_REQUEST =
      "SELECT l.leaf_index, l.leaf_input FROM custody_entry e"
          + " JOIN custody_leaf l ON l.entry_id = e.id"
          + " WHERE e.request_id = ? ORDER BY l.leaf_index";

  /** Through custody_entry_of_case, then custody_leaf's entry_id key. */
  static final String OF_CASE =
      "SELECT l.leaf_index, l.leaf_input FROM custody_entry e"
          + " JOIN custody_leaf l ON l.entry_id = e.id"
          + " WHERE e.case_id = ? ORDER BY l.leaf_index";

  static final String CONTENT =
      "SELECT e.content FROM custody_leaf l JOIN custody_entry e ON e.id = l.entry_id"
          + " WHERE l.leaf_index = ?";

  /**
   * A request's entries, those in the tree and those the integrator has yet to take (a few seconds'
   * worth at most), which have no leaf yet.
   */
  static final String RECORDED_OF_REQUEST =
      "SELECT e.id, e.kind, e.at, e.actor, l.leaf_index FROM custody_entry e"
          + " LEFT JOIN custody_leaf l ON l.entry_id = e.id"
          + " WHERE e.request_id = ? ORDER BY e.at, e.id";

  static final String ENTRY =
      "SELECT l.leaf_input, e.content_sha256, octet_length(e.content) AS content_length"
          + " FROM custody_leaf l JOIN custody_entry e ON e.id = l.entry_id"
          + " WHERE l.leaf_index = ?";

  /** The names of a leaf input's fields, in their order (GATEWAY-API.md "Chain of custody"). */
  public static final List<String> LEAF_FIELDS =
      List.of("index", "at", "kind", "requestId", "caseId", "platform", "actor", "contentSha256");

  /**
   * One entry of a request as a timeline shows it.
   *
   * @param index its index in the tree; null until the integrator takes it (seconds at most)
   */
  public record Recorded(CustodyKind kind, Instant at, String actor, Long index) {}

  /**
   * An entry with its inclusion proof to the newest signed checkpoint, and what was checked.
   *
   * @param leafInput the exact bytes of its leaf input
   * @param fields the leaf input's fields in {@link #LEAF_FIELDS} order, as text (null for null)
   * @param storedContentSha256 the SHA-256 of the content as stored now
   * @param leafHash the leaf hash of the leaf input (RFC 9162)
   * @param proofVerifies the audit path leads from the leaf hash to the checkpoint's root
   * @param checkpointSigned the checkpoint's JWS verifies with the gateway's key and states its
   *     values
   * @param contentMatches the stored content hashes to the leaf input's {@code contentSha256}
   */
  public record EntryProof(
      long index,
      byte[] leafInput,
      List<Field> fields,
      byte[] storedContentSha256,
      long contentLength,
      Hash leafHash,
      Checkpoint checkpoint,
      InclusionProof proof,
      boolean proofVerifies,
      boolean checkpointSigned,
      boolean contentMatches) {

    /** One field of the leaf input; {@code value} null when the entry says null. */
    public record Field(String name, String value) {}

    /** The field named {@code name}'s value, or null. */
    public String field(String name) {
      return fields.stream()
          .filter(f -> f.name().equals(name))
          .map(Field::value)
          .findFirst()
          .orElse(null);
    }

    /** Everything holds: the proof, the checkpoint's signature, the content. */
    public boolean verified() {
      return proofVerifies && checkpointSigned && contentMatches;
    }
  }

  /** One entry as it is in the tree: its index and its exact leaf input. */
  record Leaf(long index, byte[] leafInput) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final StoredTree tree;
  private final CheckpointSigner signer;
  private final JsonMapper json;

  ReadCustodyLog(
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
   * The newest signed checkpoint.
   *
   * @throws NotFound before the integrator signed the first one (moments after the first start)
   */
  public Checkpoint checkpoint() {
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

  /**
   * Every entry of request {@code requestId}, in the order they happened (then in the order they
   * were written), those not in the tree yet included.
   */
  public List<Recorded> recordedOf(UUID requestId) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                RECORDED_OF_REQUEST,
                statement -> {
                  statement.setObject(1, requestId);
                  List<Recorded> recorded = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      long index = rows.getLong("leaf_index");
                      Long leaf = rows.wasNull() ? null : index;
                      recorded.add(
                          new Recorded(
                              CustodyKind.ofWireName(rows.getString("kind")),
                              PgTime.get(rows, "at"),
                              rows.getString("actor"),
                              leaf));
                    }
                  }
                  return recorded;
                }));
  }

  /**
   * The entry at {@code index} with its inclusion proof to the newest signed checkpoint, checked:
   * the proof against the checkpoint's root, the checkpoint's signature, the stored content against
   * the leaf input's {@code contentSha256}.
   *
   * @throws NotFound when the tree holds no entry there
   */
  public EntryProof entryProof(long index) {
    return transactions.executeRead(
        status -> {
          record Row(byte[] leafInput, byte[] contentSha256, long contentLength) {}
          Optional<Row> found =
              jdbc.prepareStatement(
                  ENTRY,
                  statement -> {
                    statement.setLong(1, index);
                    try (ResultSet rows = statement.executeQuery()) {
                      return rows.next()
                          ? Optional.of(
                              new Row(
                                  rows.getBytes("leaf_input"),
                                  rows.getBytes("content_sha256"),
                                  rows.getLong("content_length")))
                          : Optional.<Row>empty();
                    }
                  });
          Row row = found.orElseThrow(() -> new NotFound("the custody log has no entry " + index));
          // the integrator signs a checkpoint in the transaction that gives an entry its index
          Checkpoint checkpoint =
              tree.latestCheckpoint()
                  .filter(c -> c.treeSize() > index)
                  .orElseThrow(() -> new NotFound("no checkpoint covers custody entry " + index));
          InclusionProof proof = Proofs.inclusion(index, checkpoint.treeSize(), tree);
          Hash leafHash = MerkleTree.leafHash(row.leafInput());
          List<EntryProof.Field> fields = fields(row.leafInput());
          String stated =
              fields.stream()
                  .filter(f -> f.name().equals("contentSha256"))
                  .map(EntryProof.Field::value)
                  .findFirst()
                  .orElse(null);
          return new EntryProof(
              index,
              row.leafInput(),
              fields,
              row.contentSha256(),
              row.contentLength(),
              leafHash,
              checkpoint,
              proof,
              proof.verifies(leafHash, checkpoint.rootHash()),
              signer.verifies(checkpoint),
              HexFormat.of().formatHex(row.contentSha256()).equals(stated));
        });
  }

  private List<EntryProof.Field> fields(byte[] leafInput) {
    Map<String, Object> parsed;
    try {
      parsed = json.readValue(leafInput, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored leaf input is not JSON", e);
    }
    List<EntryProof.Field> fields = new ArrayList<>(LEAF_FIELDS.size());
    for (String name : LEAF_FIELDS) {
      Object value = parsed.get(name);
      fields.add(new EntryProof.Field(name, value == null ? null : String.valueOf(value)));
    }
    return List.copyOf(fields);
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
  public byte[] content(long index) {
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
  public InclusionProof inclusion(long index, long treeSize) {
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
