package org.takedown.gateway.localrun;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own, as an operator starts it: its command line, a working directory,
 * an environment without the gateway's variables, and its output in a file.
 */
final class GatewayProcess implements AutoCloseable {

  /** 128 + SIGTERM: how a JVM ends once its shutdown hooks ran. */
  static final int STOPPED_BY_SIGTERM = 143;

  private final Process process;
  private final Path output;
  private final int port;

  private GatewayProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** {@code java -cp <this test's class path> <mainClass> args} in {@code dir}. */
  static GatewayProcess mainClass(Path dir, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath(), mainClass));
    return start(dir, command, args);
  }

  /** {@code java -jar jar args} in {@code dir}. */
  static GatewayProcess jar(Path dir, Path jar, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    return start(dir, command, args);
  }

  private static GatewayProcess start(Path dir, List<String> command, String... args) {
    int port = freePort();
    command.add("--micronaut.server.port=" + port);
    command.addAll(List.of(args));
    Path output = dir.resolve("gateway-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // an operator's shell may hold these; the test decides the configuration alone
    builder
        .environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("GATEWAY_")
                    || k.startsWith("DATASOURCES_")
                    || k.startsWith("MICRONAUT_")
                    || k.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().put("GATEWAY_LOG_FORMAT", "text");
    try {
      return new GatewayProcess(builder.start(), output, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  int port() {
    return port;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> lines() {
    return output().lines().toList();
  }

  /** The exit status, once the process ended by itself within {@code bound}. */
  int awaitExit(Duration bound) {
    try {
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + bound + ":\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** Waits until {@code /health} answers 200; fails early when the process dies. */
  void awaitHealthy(Duration bound) {
    HttpClient client = HttpClient.newHttpClient();
    await()
        .atMost(bound)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "exited with " + process.exitValue() + " before it was healthy:\n" + output());
              }
              try {
                return client
                        .send(
                            HttpRequest.newBuilder(uri("/health")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  /** SIGKILL: no shutdown hook runs, as when a machine loses power or an OOM killer strikes. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: the JVM stops the gateway and its stand-ins. */
  int stop() {
    process.destroy();
    return awaitExit(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classPath() {
    return System.getProperty("java.class.path");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
