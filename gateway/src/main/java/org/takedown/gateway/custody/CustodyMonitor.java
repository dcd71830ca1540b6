package org.takedown.gateway.custody;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.custody.CustodyViews.CheckpointView;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InvalidProofException;
import org.takedown.gateway.custody.tree.Proofs;
import org.takedown.gateway.custody.verify.SignedCheckpoint;
import org.takedown.gateway.custody.verify.VerificationFailure;
import org.takedown.gateway.operations.FixedDelayRounds;

/**
 * Watches that the custody log only grows, as rekor-monitor does for Rekor: every {@code
 * gateway.custody.monitor-interval} (default 1 min) this instance reads the newest checkpoint and
 * checks, with the verification command's own classes, that its signature verifies with the
 * gateway's key, that a consistency proof built from the stored tree leads from the last checkpoint
 * it saw to it, and that the stored tree still leads to its root. Each new checkpoint that passes
 * is handed to the {@link CheckpointWitness witnesses}; the newest file of the witness directory is
 * also where the monitor starts from after a restart, so that a log rewritten while the gateway was
 * down is caught too.
 *
 * <p>An inconsistency is never silent: an ERROR line, {@code takedown_custody_consistent} 0 and
 * {@code custody.status} {@code INCONSISTENT} in {@code /health}. It stays so until the gateway
 * restarts: whoever restarts it has read the line. Each instance monitors on its own.
 */
@Singleton
public final class CustodyMonitor {

  static final String INTERVAL = "${gateway.custody.monitor-interval:1m}";

  private static final Logger LOG = LoggerFactory.getLogger(CustodyMonitor.class);

  /** What the monitor knows of the log. */
  public enum State {
    /** No checkpoint checked yet. */
    UNCHECKED,
    /** Every check so far passed. */
    CONSISTENT,
    /** A check failed: the log was rewritten, or a checkpoint is not the gateway's. */
    INCONSISTENT
  }

  /**
   * @param treeSize the size of the last checkpoint checked (-1: none)
   * @param checkedAt when the last check ran (null: never)
   * @param problem what failed, when {@code state} is {@link State#INCONSISTENT}
   */
  public record Status(State state, long treeSize, Instant checkedAt, String problem) {
    static final Status UNCHECKED = new Status(State.UNCHECKED, -1, null, null);
  }

  private final TransactionOperations<Connection> transactions;
  private final StoredTree tree;
  private final JWKSet keys;
  private final CheckpointWitness witness;
  private final JsonMapper json;
  private final Clock clock;
  private final FixedDelayRounds rounds;
  private volatile Status status = Status.UNCHECKED;
  private boolean restored;
  private SignedCheckpoint lastSeen;
  private long exported = -1;

  CustodyMonitor(
      TransactionOperations<Connection> transactions,
      StoredTree tree,
      CheckpointSigner signer,
      CheckpointWitness witness,
      JsonMapper json,
      Clock clock,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Value(INTERVAL) Duration interval) {
    this.rounds =
        new FixedDelayRounds(
            scheduler,
            "gateway.custody.monitor-interval",
            interval,
            this::check,
            LOG,
            "custody monitor: could not check the log");
    try {
      this.keys = JWKSet.parse(signer.jwks());
    } catch (ParseException e) {
      throw new IllegalStateException("the custody signing key's JWKS does not parse", e);
    }
    this.transactions = transactions;
    this.tree = tree;
    this.witness = witness;
    this.json = json;
    this.clock = clock;
  }

  /** What the last check found. */
  public Status status() {
    return status;
  }

  /** False once a check failed. */
  public boolean consistent() {
    return status.state() != State.INCONSISTENT;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    rounds.start();
  }

  @PreDestroy
  void stop() {
    rounds.stop();
  }

  /** What one look at the newest checkpoint found. */
  private record Look(CheckpointView view, SignedCheckpoint signed, String problem) {}

  /** One check; returns the status it leaves. */
  synchronized Status check() {
    if (status.state() == State.INCONSISTENT) {
      return status;
    }
    if (!restored) {
      restoreFromWitness();
      restored = true;
    }
    SignedCheckpoint seen = lastSeen;
    Optional<Look> look =
        transactions.executeRead(
            s -> tree.latestCheckpoint().map(checkpoint -> look(checkpoint, seen)));
    if (look.isEmpty()) {
      return status;
    }
    Instant now = clock.instant();
    CheckpointView view = look.get().view();
    if (look.get().problem() != null) {
      String problem = look.get().problem();
      // the ERROR line first: whoever reads the health field can find the line that explains it
      LOG.error(
          "custody monitor: the custody log is not consistent with what this gateway saw: {}",
          problem);
      status = new Status(State.INCONSISTENT, view.treeSize(), now, problem);
      return status;
    }
    lastSeen = look.get().signed();
    status = new Status(State.CONSISTENT, view.treeSize(), now, null);
    if (exported != view.treeSize()) {
      try {
        witness.export(view.treeSize(), json.writeValueAsBytes(view));
        exported = view.treeSize();
      } catch (IOException e) {
        LOG.warn(
            "custody monitor: the checkpoint of {} entries was not handed to a witness ({});"
                + " next round tries again",
            view.treeSize(),
            e.getMessage());
      }
    }
    return status;
  }

  private Look look(Checkpoint checkpoint, SignedCheckpoint seen) {
    CheckpointView view = CheckpointView.of(checkpoint);
    String name = "the checkpoint of " + view.treeSize() + " entries";
    SignedCheckpoint signed;
    try {
      signed =
          SignedCheckpoint.verify(
              view.treeSize(), view.rootHash(), view.at(), view.jws(), keys, name);
    } catch (VerificationFailure e) {
      return new Look(view, null, e.getMessage());
    }
    try {
      if (seen != null) {
        if (signed.treeSize() < seen.treeSize()) {
          return new Look(
              view,
              signed,
              "%s is the newest, but one of %d entries was seen (signed %s)"
                  .formatted(name, seen.treeSize(), seen.at()));
        }
        Proofs.consistency(seen.treeSize(), signed.treeSize(), tree)
            .verify(seen.rootHash(), signed.rootHash());
      }
      Hash stored = Proofs.root(signed.treeSize(), tree);
      if (!stored.equals(signed.rootHash())) {
        return new Look(
            view,
            signed,
            "the stored tree of %d entries leads to root %s, not to the signed %s"
                .formatted(signed.treeSize(), stored.hex(), signed.rootHash().hex()));
      }
    } catch (InvalidProofException e) {
      return new Look(
          view,
          signed,
          "%s does not extend the one of %d entries seen before: %s"
              .formatted(name, seen == null ? 0 : seen.treeSize(), e.getMessage()));
    } catch (NoSuchElementException e) {
      return new Look(view, signed, "the stored tree lacks a node: " + e.getMessage());
    }
    return new Look(view, signed, null);
  }

  /** The last checkpoint handed to the witness directory, when it still verifies. */
  private void restoreFromWitness() {
    try {
      Optional<byte[]> newest = witness.newestInDirectory();
      if (newest.isPresent()) {
        lastSeen = SignedCheckpoint.verify(newest.get(), keys, "the witness directory's newest");
        exported = lastSeen.treeSize();
        LOG.info(
            "custody monitor: starts from the checkpoint of {} entries in the witness directory",
            lastSeen.treeSize());
      }
    } catch (IOException | VerificationFailure e) {
      LOG.warn(
          "custody monitor: the witness directory gives no checkpoint to start from ({})",
          e.getMessage());
    }
  }
}
