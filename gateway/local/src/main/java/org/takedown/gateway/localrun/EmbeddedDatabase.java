package org.takedown.gateway.localrun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL of a local run, inside the JVM and as durable as a production one: what the
 * gateway acknowledged survives a power cut, and a run killed with SIGKILL does not keep the next
 * one from starting.
 */
final class EmbeddedDatabase {

  /**
   * Server settings. zonky starts PostgreSQL with {@code -F} (no fsync) and {@code
   * synchronous_commit=off}, which suit throw-away test databases; settings given here come after
   * its options on the command line, so they win.
   */
  static final List<String[]> DURABLE =
      List.of(
          new String[] {"fsync", "on"},
          new String[] {"synchronous_commit", "on"},
          new String[] {"full_page_writes", "on"});

  /** How long a PostgreSQL left by an earlier run gets to shut down. */
  static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private EmbeddedDatabase() {}

  static EmbeddedPostgres start(Path dir) {
    stopOrphanedServer(dir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
    for (String[] setting : DURABLE) {
      builder.setServerConfig(setting[0], setting[1]);
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
    }
  }

  /**
   * A JVM killed with SIGKILL cannot stop the PostgreSQL it started: that server lives on, holding
   * the data directory, and a new one started there gives up after zonky's 10 seconds. Its clients
   * died with the JVM, so a smart shutdown (SIGTERM) ends it at once, cleanly; then the data
   * directory is free. A stale {@code postmaster.pid} (a server that is gone) is PostgreSQL's own
   * to take over.
   */
  static void stopOrphanedServer(Path dir) {
    Optional<ProcessHandle> orphan = serverHolding(dir);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle server = orphan.get();
    LOG.warn(
        "an embedded PostgreSQL left running by an earlier run (pid {}) holds {}: stopping it",
        server.pid(),
        dir);
    server.destroy();
    try {
      server.onExit().get(ORPHAN_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the PostgreSQL left running by an earlier run (pid %d) did not stop within %s; stop it (kill -INT %d) and start again"
              .formatted(server.pid(), ORPHAN_SHUTDOWN, server.pid()),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot wait for pid " + server.pid() + " to stop", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping pid " + server.pid(), e);
    }
  }

  /** The live PostgreSQL whose pid the data directory's lock file names, if there is one. */
  static Optional<ProcessHandle> serverHolding(Path dir) {
    String lockFile;
    try {
      lockFile = Files.readString(dir.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("postmaster.pid"), e);
    }
    long pid;
    try {
      pid = Long.parseLong(lockFile.lines().findFirst().orElse("").trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // the pid of a server gone since may belong to another program now: only a postgres counts
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }
}
