package org.takedown.gateway.custody;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hands each checkpoint the monitor checked to witnesses held by someone else (a prosecutor's
 * office): a file per checkpoint in {@code gateway.custody.witness.directory}, named {@code
 * checkpoint-{treeSize, 20 digits}.json}, and a POST of the same JSON to {@code
 * gateway.custody.witness.url}. Both optional. The JSON is the checkpoint endpoint's, so that a
 * witness's copy can be given to the verification command as {@code --checkpoint}.
 */
@Singleton
final class CheckpointWitness {

  static final String DIRECTORY = "gateway.custody.witness.directory";
  static final String URL = "gateway.custody.witness.url";
  static final String TIMEOUT = "gateway.custody.witness.timeout";

  private static final Pattern FILE = Pattern.compile("checkpoint-[0-9]{20}\\.json");

  private final Path directory;
  private final URI url;
  private final Duration timeout;
  private final HttpClient http;

  @Inject
  CheckpointWitness(
      @Value("${" + DIRECTORY + ":}") String directory,
      @Value("${" + URL + ":}") String url,
      @Value("${" + TIMEOUT + ":10s}") Duration timeout) {
    this.directory = directory.isBlank() ? null : Path.of(directory);
    this.url = url.isBlank() ? null : URI.create(url);
    if (this.url != null
        && !"http".equals(this.url.getScheme())
        && !"https".equals(this.url.getScheme())) {
      throw new IllegalStateException(URL + " must be an http or https URL, not " + url);
    }
    this.timeout = timeout;
    this.http = this.url == null ? null : HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The file of a checkpoint of {@code treeSize} entries in the witness directory. */
  static String fileName(long treeSize) {
    return "checkpoint-%020d.json".formatted(treeSize);
  }

  /** The newest checkpoint the directory holds (its JSON): what this gateway last handed over. */
  Optional<byte[]> newestInDirectory() throws IOException {
    if (directory == null || !Files.isDirectory(directory)) {
      return Optional.empty();
    }
    Optional<Path> newest;
    try (Stream<Path> files = Files.list(directory)) {
      newest =
          files
              .filter(f -> FILE.matcher(f.getFileName().toString()).matches())
              .max(Comparator.comparing(f -> f.getFileName().toString()));
    }
    return newest.isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(newest.get()));
  }

  /**
   * Hands one checkpoint to every configured witness.
   *
   * @throws IOException when one could not take it (the others were still tried)
   */
  void export(long treeSize, byte[] json) throws IOException {
    IOException failed = null;
    if (directory != null) {
      try {
        write(treeSize, json);
      } catch (IOException e) {
        failed = new IOException(DIRECTORY + " " + directory + ": " + e.getMessage(), e);
      }
    }
    if (url != null) {
      try {
        post(json);
      } catch (IOException e) {
        IOException posted = new IOException(URL + " " + url + ": " + e.getMessage(), e);
        if (failed == null) {
          failed = posted;
        } else {
          failed.addSuppressed(posted);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private void write(long treeSize, byte[] json) throws IOException {
    Files.createDirectories(directory);
    Path target = directory.resolve(fileName(treeSize));
    if (Files.exists(target)) {
      return;
    }
    // whole or absent: a witness never reads half a file
    Path temporary = Files.createTempFile(directory, ".checkpoint-", ".tmp");
    try {
      Files.write(temporary, json);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void post(byte[] json) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("answered " + response.statusCode());
    }
  }
}
