package org.takedown.gateway.custody;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.tree.Frontier;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.MerkleTree;
import org.takedown.gateway.operations.FixedDelayRounds;
import org.takedown.gateway.request.PgTime;

/**
 * Puts committed custody entries in the tree, in commit order, and signs a checkpoint over them:
 * every {@code gateway.custody.integrate-interval} (default 500 ms, well inside the contract's 5
 * s), on every instance, but one at a time per database (a transaction-scoped advisory lock; an
 * instance that finds it taken skips its round).
 *
 * <p>A round is one transaction. It takes the entries of transactions older than every transaction
 * still running ({@code txid < pg_snapshot_xmin}), in (txid, id) order from where the previous
 * round stopped, as the event feed does: an entry whose transaction commits later has a txid at
 * least that xmin, so it can never land before an entry already in the tree. It adds them as the
 * next leaves (one INSERT of every leaf input), appends their leaf hashes to the frontier restored
 * from the stored nodes (after checking it still leads to the last signed root), stores the
 * completed subtrees (one INSERT) and signs a checkpoint of the new size. Nothing is updated: the
 * cost of a round grows with its entries, not with one statement each. A crash anywhere leaves the
 * previous round's state whole.
 */
@Singleton
final class IntegrateCustodyLog {

  static final String INTERVAL = "${gateway.custody.integrate-interval:500ms}";

  /** Entries per round; a full round is followed by another at once. */
  static final int BATCH = 2_000;

  /** The advisory lock of the integrator: "custody" in ASCII. */
  static final long LOCK_KEY = 0x637573746f6479L;

  static final String LOCK = "SELECT pg_try_advisory_xact_lock(?)";

  static final String INTEGRATED = "SELECT coalesce(max(leaf_index) + 1, 0) FROM custody_leaf";

  /** Where the previous round stopped: the entry of the highest leaf. */
  static final String LAST_INTEGRATED =
      "SELECT e.txid::text AS txid, e.id FROM custody_leaf l"
          + " JOIN custody_entry e ON e.id = l.entry_id ORDER BY l.leaf_index DESC LIMIT 1";

  /**
   * Through custody_entry_commit_order (txid, id), from where the previous round stopped: every
   * entry before that point was visible to the round that passed it, so it is in the tree.
   */
  static final String PENDING =
      "SELECT id, kind, at, request_id, case_id, platform, actor, content_sha256"
          + " FROM custody_entry"
          + " WHERE (txid, id) > (CAST(? AS xid8), ?)"
          + " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
          + " ORDER BY txid, id LIMIT ?";

  /** One statement for a round's leaves, checked as a whole by custody_leaf_next_indexes. */
  static final String INSERT_LEAVES =
      "INSERT INTO custody_leaf (leaf_index, entry_id, leaf_input)"
          + " SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bytea[]))";

  private static final Logger LOG = LoggerFactory.getLogger(IntegrateCustodyLog.class);

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final StoredTree tree;
  private final CheckpointSigner signer;
  private final Clock clock;
  private final FixedDelayRounds rounds;

  IntegrateCustodyLog(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      StoredTree tree,
      CheckpointSigner signer,
      Clock clock,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Value(INTERVAL) Duration interval) {
    this.rounds =
        new FixedDelayRounds(
            scheduler,
            "gateway.custody.integrate-interval",
            interval,
            this::integrateAllPending,
            LOG,
            "custody integrator: round failed");
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.tree = tree;
    this.signer = signer;
    this.clock = clock;
  }

  /** Integrates at once, then {@code interval} after each round ends. */
  @EventListener
  void onStartup(StartupEvent event) {
    rounds.start();
  }

  @PreDestroy
  void stop() {
    rounds.stop();
  }

  /** Rounds until one is not full: a backlog is caught up at once, not one batch per interval. */
  private void integrateAllPending() {
    Round round;
    do {
      round = integrate(BATCH);
    } while (round.integrated() == BATCH);
  }

  /** What a round did. */
  record Round(boolean ran, int integrated, long treeSize) {
    static final Round SKIPPED = new Round(false, 0, -1);
  }

  /** One round over at most {@code limit} entries, in its own transaction. */
  Round integrate(int limit) {
    return transactions.executeWrite(status -> integrateInTransaction(limit));
  }

  private Round integrateInTransaction(int limit) {
    if (!lock()) {
      return Round.SKIPPED;
    }
    Optional<Checkpoint> latest = tree.latestCheckpoint();
    long size = latest.map(Checkpoint::treeSize).orElse(0L);
    long integrated = jdbc.prepareStatement(INTEGRATED, s -> single(s.executeQuery()));
    if (integrated != size) {
      throw new IllegalStateException(
          "custody log: %d entries are in the tree but the newest checkpoint covers %d"
              .formatted(integrated, size));
    }
    List<Pending> pending = pending(limit);
    if (pending.isEmpty() && latest.isPresent()) {
      return new Round(true, 0, size);
    }
    Frontier frontier = Frontier.restore(size, tree);
    if (latest.isPresent() && !frontier.root().equals(latest.get().rootHash())) {
      LOG.error(
          "custody integrator: the stored tree of {} entries no longer leads to the root of its"
              + " signed checkpoint; the log is not extended",
          size);
      throw new IllegalStateException("custody log: stored tree and checkpoint disagree");
    }
    List<Hash> leaves = assign(size, pending);
    tree.store(frontier.appendAll(leaves));
    Checkpoint checkpoint =
        signer.sign(frontier.size(), frontier.root(), PgTime.micros(clock.instant()));
    tree.store(checkpoint);
    return new Round(true, pending.size(), frontier.size());
  }

  private boolean lock() {
    return jdbc.prepareStatement(
        LOCK,
        statement -> {
          statement.setLong(1, LOCK_KEY);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
          }
        });
  }

  private static long single(ResultSet rows) throws java.sql.SQLException {
    try (rows) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private record Pending(
      long id,
      String kind,
      Instant at,
      UUID requestId,
      UUID caseId,
      String platform,
      String actor,
      byte[] contentSha256) {}

  /** Where to resume: the (txid, id) of the last entry integrated; before the first, (0, 0). */
  private record Position(String txid, long id) {
    static final Position START = new Position("0", 0);
  }

  private Position lastIntegrated() {
    return jdbc.prepareStatement(
        LAST_INTEGRATED,
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? new Position(rows.getString("txid"), rows.getLong("id"))
                : Position.START;
          }
        });
  }

  private List<Pending> pending(int limit) {
    Position after = lastIntegrated();
    return jdbc.prepareStatement(
        PENDING,
        statement -> {
          statement.setString(1, after.txid());
          statement.setLong(2, after.id());
          statement.setInt(3, limit);
          List<Pending> pending = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              pending.add(
                  new Pending(
                      rows.getLong("id"),
                      rows.getString("kind"),
                      PgTime.get(rows, "at"),
                      rows.getObject("request_id", UUID.class),
                      rows.getObject("case_id", UUID.class),
                      rows.getString("platform"),
                      rows.getString("actor"),
                      rows.getBytes("content_sha256")));
            }
          }
          return pending;
        });
  }

  /** Adds the entries as the next leaves of the tree, in one statement; returns their hashes. */
  private List<Hash> assign(long size, List<Pending> pending) {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<Hash> leaves = new ArrayList<>(pending.size());
    Long[] indexes = new Long[pending.size()];
    Long[] entries = new Long[pending.size()];
    byte[][] inputs = new byte[pending.size()][];
    for (int i = 0; i < pending.size(); i++) {
      Pending entry = pending.get(i);
      long index = size + i;
      byte[] leafInput =
          LeafInput.of(
              index,
              entry.at(),
              entry.kind(),
              entry.requestId(),
              entry.caseId(),
              entry.platform(),
              entry.actor(),
              entry.contentSha256());
      leaves.add(MerkleTree.leafHash(leafInput));
      indexes[i] = index;
      entries[i] = entry.id();
      inputs[i] = leafInput;
    }
    jdbc.prepareStatement(
        INSERT_LEAVES,
        statement -> {
          Connection connection = statement.getConnection();
          statement.setArray(1, connection.createArrayOf("int8", indexes));
          statement.setArray(2, connection.createArrayOf("int8", entries));
          statement.setArray(3, connection.createArrayOf("bytea", inputs));
          int added = statement.executeUpdate();
          if (added != pending.size()) {
            throw new IllegalStateException(
                "custody log: %d leaves added of %d".formatted(added, pending.size()));
          }
          return added;
        });
    return leaves;
  }
}
