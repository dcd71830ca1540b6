package org.takedown.gateway.localrun.keycloak;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Keycloak, started as a process of its own from the distribution Maven unpacked under
 * {@code target/keycloak} ({@code keycloak.home}), with one realm imported from the test's
 * resources. It runs in production mode ({@code kc.sh start}) with an in-memory H2 database (empty
 * at every start), local caches (no cluster ports) and plain HTTP on 127.0.0.1, which Keycloak
 * accepts from a loopback address (the realm's {@code sslRequired: external}). The first start
 * rebuilds the distribution for these options (Keycloak's Quarkus augmentation, kept in the
 * unpacked folder; Keycloak does it by itself when the build options change), later starts skip
 * that.
 *
 * <p>{@link #launch} returns as soon as the process runs, so that the test prepares its gateway
 * meanwhile; {@link #awaitReady()} waits, bounded, for the realm's discovery document. Keycloak 26
 * needs a JDK 21 or newer: {@link #javaHome()} finds one, or fails saying so. {@link #close()}
 * leaves no process: it stops Keycloak (SIGTERM, then SIGKILL after a bound) and waits for it. A
 * test JVM that dies without closing takes Keycloak with it: the process's standard input is a pipe
 * from this JVM, and a watcher in the launching shell stops Keycloak when that pipe closes.
 */
final class KeycloakServer implements AutoCloseable {

  static final String HOME = "keycloak.home";
  static final String JAVA_HOME = "keycloak.java-home";
  static final String START_SECONDS = "keycloak.start-seconds";

  /**
   * For a server that lives a minute: the quick JIT compiler alone, which shortens Keycloak's start
   * (and its first build) on a machine of few cores.
   */
  private static final String JAVA_OPTIONS = "-XX:TieredStopAtLevel=1";

  /**
   * Runs {@code kc.sh} in the background with the JVM's pipe moved off its standard input, and
   * stops it when that pipe closes: at {@link #close()}, or when the test JVM ends however it ends.
   * The shell ends with Keycloak.
   */
  private static final String LAUNCHER =
      """
      exec 3<&0 </dev/null
      "$@" 3<&- &
      keycloak=$!
      { cat <&3 >/dev/null; kill -TERM "$keycloak" 2>/dev/null; } &
      exec 3<&-
      wait "$keycloak"
      """;

  private final Process launcher;
  private final Path log;
  private final URI base;
  private final String realm;

  private KeycloakServer(Process launcher, Path log, URI base, String realm) {
    this.launcher = launcher;
    this.log = log;
    this.base = base;
    this.realm = realm;
  }

  /**
   * Starts Keycloak with the realm file {@code realmResource} (a class path resource named {@code
   * <realm>-realm.json}, as Keycloak's import requires), without waiting for it: {@link
   * #awaitReady()} does.
   */
  static KeycloakServer launch(String realmResource) {
    Path home = home();
    Path java = javaHome();
    String fileName = realmResource.substring(realmResource.lastIndexOf('/') + 1);
    String realm = fileName.substring(0, fileName.length() - "-realm.json".length());
    freshData(home, realmResource, fileName);

    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port);
    List<String> command =
        List.of(
            "bash",
            "-c",
            LAUNCHER,
            "keycloak",
            home.resolve("bin/kc.sh").toString(),
            "start",
            "--db=dev-mem",
            "--cache=local",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--hostname=" + base,
            "--import-realm");
    Path log = home.getParent().resolve("keycloak-" + port + ".log");
    return new KeycloakServer(run(command, home, java, log), log, base, realm);
  }

  /** The realm's issuer, e.g. {@code http://127.0.0.1:41234/realms/takedown}. */
  String issuer() {
    return base + "/realms/" + realm;
  }

  /**
   * Waits until the realm's discovery document answers, at most {@code keycloak.start-seconds} (240
   * by default: a first start, with its build, takes about 80 s on a busy machine of two cores);
   * fails with the end of Keycloak's log if it does not, or if Keycloak exits.
   */
  KeycloakServer awaitReady() {
    Duration bound = startBound();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    try {
      await()
          .atMost(bound)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (!launcher.isAlive()) {
                  throw new IllegalStateException(
                      "Keycloak exited with "
                          + launcher.exitValue()
                          + " before it answered; its log "
                          + log
                          + " ends:\n"
                          + tail());
                }
                try {
                  return http.send(
                              HttpRequest.newBuilder(discovery)
                                  .timeout(Duration.ofSeconds(10))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
                } catch (IOException e) {
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "Keycloak did not answer "
              + discovery
              + " within "
              + bound.toSeconds()
              + " s (-D"
              + START_SECONDS
              + " sets the bound); its log "
              + log
              + " ends:\n"
              + tail(),
          e);
    }
    return this;
  }

  /**
   * Stops Keycloak and every process it started, and waits for them: SIGTERM (a graceful stop takes
   * about a second), SIGKILL for whatever still runs after 60 s. Fails naming any survivor.
   */
  @Override
  public void close() {
    Set<ProcessHandle> started = new LinkedHashSet<>();
    started.add(launcher.toHandle());
    launcher.descendants().forEach(started::add);
    try {
      launcher.getOutputStream().close(); // the watcher's cue
    } catch (IOException e) {
      // already closed: the watcher has its cue
    }
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    List<ProcessHandle> running = awaitExit(started, Duration.ofSeconds(60));
    running.forEach(ProcessHandle::destroyForcibly);
    List<ProcessHandle> survivors = awaitExit(running, Duration.ofSeconds(10));
    if (!survivors.isEmpty()) {
      throw new IllegalStateException(
          "Keycloak's processes outlived a kill: "
              + survivors.stream()
                  .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                  .collect(Collectors.joining(", ")));
    }
  }

  /** Waits (bounded, together) for {@code processes} to end; answers those still running. */
  private static List<ProcessHandle> awaitExit(
      Collection<ProcessHandle> processes, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    List<ProcessHandle> running = new ArrayList<>();
    for (ProcessHandle process : processes) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        process.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        if (process.isAlive()) {
          running.add(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.add(process);
      }
    }
    return running;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** The unpacked distribution, or a failure saying how it gets there. */
  private static Path home() {
    String configured = System.getProperty(HOME);
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "-D"
              + HOME
              + " is not set: gateway/local's pom sets it to the distribution that Maven unpacks"
              + " under target/keycloak; run this test through Maven");
    }
    Path home = Path.of(configured).toAbsolutePath();
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(
          "no Keycloak distribution at "
              + home
              + " (no bin/kc.sh): Maven unpacks org.keycloak:keycloak-quarkus-dist there in the"
              + " process-test-resources phase of gateway/local (after deleting target/keycloak"
              + " alone, delete target/dependency-maven-plugin-markers too, or run mvn clean)");
    }
    return home;
  }

  /**
   * A JDK that runs Keycloak 26: {@code -Dkeycloak.java-home} if set, else the newest JDK of
   * version 21 or more among {@code JAVA_HOME}, the JDK running the tests and the JDKs under {@code
   * /usr/lib/jvm}. Fails naming what it looked at when there is none.
   */
  static Path javaHome() {
    String chosen = System.getProperty(JAVA_HOME);
    if (chosen != null && !chosen.isBlank()) {
      Path home = Path.of(chosen);
      int version = featureVersion(home).orElse(0);
      if (version < 21) {
        throw new IllegalStateException(
            "-D" + JAVA_HOME + "=" + chosen + " is not a JDK 21 or newer (found " + version + ")");
      }
      return home;
    }
    Set<Path> candidates = new LinkedHashSet<>();
    Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    candidates.add(Path.of(System.getProperty("java.home")));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> installed = Files.list(jvms)) {
        installed.sorted().forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return newestJdk21(candidates);
  }

  /** The newest of {@code candidates} that is a JDK 21 or newer; fails naming each otherwise. */
  static Path newestJdk21(Collection<Path> candidates) {
    Map<Path, Optional<Integer>> versions = new LinkedHashMap<>();
    candidates.forEach(home -> versions.put(home, featureVersion(home)));
    return versions.entrySet().stream()
        .filter(jdk -> jdk.getValue().orElse(0) >= 21)
        .max(Comparator.comparingInt(jdk -> jdk.getValue().orElse(0)))
        .map(Map.Entry::getKey)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Keycloak 26 needs a JDK 21 or newer and there is none: looked at "
                        + versions.entrySet().stream()
                            .map(
                                jdk ->
                                    jdk.getKey()
                                        + " ("
                                        + jdk.getValue().map(v -> "JDK " + v).orElse("no JDK")
                                        + ")")
                            .collect(Collectors.joining(", "))
                        + ". Install one under /usr/lib/jvm (this project's machines have Temurin"
                        + " 25 there), or point -D"
                        + JAVA_HOME
                        + " at one. To build without this test on purpose:"
                        + " mvn verify -DexcludedGroups=keycloak"));
  }

  /**
   * The feature version of the JDK at {@code home}: from its {@code release} file, or, lacking one,
   * from what its {@code java -version} prints.
   */
  private static Optional<Integer> featureVersion(Path home) {
    Path java = home.resolve("bin/java");
    if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
      return Optional.empty();
    }
    Path release = home.resolve("release");
    try {
      List<String> lines =
          Files.isRegularFile(release) ? Files.readAllLines(release) : versionOutput(java);
      return lines.stream()
          .map(String::strip)
          .filter(line -> line.startsWith("JAVA_VERSION=") || line.contains(" version \""))
          .map(line -> line.replaceFirst("^JAVA_VERSION=|^.* version ", "").replace("\"", ""))
          .map(version -> version.split("[.+_ -]")[0])
          .map(major -> major.equals("1") ? 8 : Integer.parseInt(major))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What {@code java -version} prints, waited for at most 10 s. */
  private static List<String> versionOutput(Path java) throws IOException {
    Process process =
        new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return List.of();
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return List.of();
    }
  }

  /** No data of an earlier run, and the realm file where {@code --import-realm} reads it. */
  private static void freshData(Path home, String realmResource, String fileName) {
    Path data = home.resolve("data");
    try {
      if (Files.exists(data)) {
        try (Stream<Path> paths = Files.walk(data)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Path imports = Files.createDirectories(data.resolve("import"));
      try (InputStream realm = KeycloakServer.class.getResourceAsStream(realmResource)) {
        if (realm == null) {
          throw new IllegalStateException("no class path resource " + realmResource);
        }
        Files.copy(realm, imports.resolve(fileName));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} in {@code home} on {@code java}, its output into {@code log}. */
  private static Process run(List<String> command, Path home, Path java, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // the test decides Keycloak's configuration alone: nothing from a developer's shell
    builder
        .environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("KC_")
                    || k.startsWith("KEYCLOAK_")
                    || k.startsWith("QUARKUS_")
                    || k.startsWith("JAVA_OPTS")
                    || k.equals("JAVA_TOOL_OPTIONS")
                    || k.equals("JDK_JAVA_OPTIONS"));
    builder.environment().put("JAVA_HOME", java.toString());
    builder.environment().put("JAVA_OPTS_APPEND", JAVA_OPTIONS);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private static Duration startBound() {
    return Duration.ofSeconds(Long.parseLong(System.getProperty(START_SECONDS, "240")));
  }

  /**
   * A port free on 127.0.0.1, taken below Linux's ephemeral range (32768 and up): Keycloak binds it
   * only when its start ends, some 30 s later, and meanwhile the test's database, partner sandbox
   * and gateway take ports from the ephemeral range, where they cannot take this one first.
   */
  private static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port for Keycloak between 20000 and 32000");
  }
}
