package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.takedown.gateway.custody.verify.VerifyEvidence;
import org.takedown.gateway.testing.Api;

/** Evidence bundles as an auditor handles them: downloaded, opened, altered, verified. */
final class Bundles {

  /** What the verification command said. */
  record Verdict(int exit, String out, String err) {}

  private final Api api;
  private final Path dir;

  Bundles(Api api, Path dir) {
    this.api = api;
    this.dir = dir;
  }

  /** {@code GET /api/v1/cases/{id}/evidence} with this token, its body as bytes. */
  HttpResponse<byte[]> download(String caseId, String token) {
    return api.download("/api/v1/cases/" + caseId + "/evidence", token);
  }

  /** The bundle of a case, which must answer 200 as a ZIP. */
  byte[] of(String caseId, String token) {
    HttpResponse<byte[]> answer = download(caseId, token);
    assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
    assertEquals("application/zip", answer.headers().firstValue("Content-Type").orElse(null));
    return answer.body();
  }

  /** The files of a ZIP, in their order. */
  static Map<String, byte[]> files(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The same ZIP with the file {@code name} changed. */
  static byte[] with(byte[] zip, String name, UnaryOperator<byte[]> change) {
    Map<String, byte[]> files = files(zip);
    if (!files.containsKey(name)) {
      throw new AssertionError(name + " is not in the bundle: " + files.keySet());
    }
    files.put(name, change.apply(files.get(name)));
    return zip(files);
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] replace(byte[] bytes, String from, String to) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new AssertionError(from + " is not in " + text);
    }
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  /** A file of {@code bytes} in the test's folder. */
  Path save(String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The verification command, run in this JVM through its entry point. */
  Verdict verify(byte[] zip, String... options) {
    List<String> args = new ArrayList<>();
    args.add(save("bundle-" + System.nanoTime() + ".zip", zip).toString());
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        VerifyEvidence.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Verdict(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
