package org.takedown.gateway.custody;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.Node;
import org.takedown.gateway.custody.tree.NodeId;
import org.takedown.gateway.custody.tree.SubtreeHashes;
import org.takedown.gateway.request.PgTime;

/**
 * The tree as PostgreSQL keeps it: its complete subtrees ({@code custody_node}) and its signed
 * checkpoints. Every call joins the caller's transaction. A proof or a frontier is one query for
 * its O(log n) nodes, through the primary key.
 */
@Singleton
final class StoredTree implements SubtreeHashes {

  static final String NODES =
      "SELECT n.level, n.node_index, n.hash FROM custody_node n"
          + " JOIN unnest(CAST(? AS int[]), CAST(? AS bigint[])) AS wanted(level, node_index)"
          + " ON n.level = wanted.level AND n.node_index = wanted.node_index";

  /** One statement for a round's nodes, its leaves checked as a whole (custody_node_leaf_check). */
  static final String INSERT_NODES =
      "INSERT INTO custody_node (level, node_index, hash)"
          + " SELECT * FROM unnest(CAST(? AS smallint[]), CAST(? AS bigint[]), CAST(? AS bytea[]))";

  static final String LATEST_CHECKPOINT =
      "SELECT tree_size, root_hash, at, jws FROM custody_checkpoint"
          + " ORDER BY tree_size DESC LIMIT 1";

  static final String INSERT_CHECKPOINT =
      "INSERT INTO custody_checkpoint (tree_size, root_hash, at, jws) VALUES (?, ?, ?, ?)";

  private final JdbcOperations jdbc;

  StoredTree(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Hash hash(NodeId node) {
    return hashes(List.of(node)).get(0);
  }

  @Override
  public List<Hash> hashes(List<NodeId> nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    Map<NodeId, Hash> found =
        jdbc.prepareStatement(
            NODES,
            statement -> {
              Integer[] levels = new Integer[nodes.size()];
              Long[] indexes = new Long[nodes.size()];
              for (int i = 0; i < nodes.size(); i++) {
                levels[i] = nodes.get(i).level();
                indexes[i] = nodes.get(i).index();
              }
              Array levelArray = statement.getConnection().createArrayOf("int4", levels);
              Array indexArray = statement.getConnection().createArrayOf("int8", indexes);
              statement.setArray(1, levelArray);
              statement.setArray(2, indexArray);
              Map<NodeId, Hash> hashes = new HashMap<>();
              try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                  hashes.put(
                      new NodeId(rows.getInt("level"), rows.getLong("node_index")),
                      Hash.of(rows.getBytes("hash")));
                }
              }
              return hashes;
            });
    List<Hash> hashes = new ArrayList<>(nodes.size());
    for (NodeId node : nodes) {
      Hash hash = found.get(node);
      if (hash == null) {
        throw new NoSuchElementException(
            "custody node (level %d, index %d) is not stored"
                .formatted(node.level(), node.index()));
      }
      hashes.add(hash);
    }
    return hashes;
  }

  void store(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    Short[] levels = new Short[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    byte[][] hashes = new byte[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      levels[i] = (short) node.id().level();
      indexes[i] = node.id().index();
      hashes[i] = node.hash().bytes();
    }
    jdbc.prepareStatement(
        INSERT_NODES,
        statement -> {
          Connection connection = statement.getConnection();
          statement.setArray(1, connection.createArrayOf("int2", levels));
          statement.setArray(2, connection.createArrayOf("int8", indexes));
          statement.setArray(3, connection.createArrayOf("bytea", hashes));
          return statement.executeUpdate();
        });
  }

  Optional<Checkpoint> latestCheckpoint() {
    return jdbc.prepareStatement(
        LATEST_CHECKPOINT,
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new Checkpoint(
                    rows.getLong("tree_size"),
                    Hash.of(rows.getBytes("root_hash")),
                    PgTime.get(rows, "at"),
                    rows.getString("jws")));
          }
        });
  }

  void store(Checkpoint checkpoint) {
    jdbc.prepareStatement(
        INSERT_CHECKPOINT,
        statement -> {
          statement.setLong(1, checkpoint.treeSize());
          statement.setBytes(2, checkpoint.rootHash().bytes());
          PgTime.set(statement, 3, checkpoint.at());
          statement.setString(4, checkpoint.jws());
          return statement.executeUpdate();
        });
  }
}
