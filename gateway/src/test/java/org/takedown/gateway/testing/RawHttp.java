package org.takedown.gateway.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket, for what {@link Api}'s client refuses to send: header
 * values with control characters, request lines and headers of 100 KB, bodies without a
 * Content-Type. One request per connection ({@code Connection: close}); the answer is read to the
 * end of the stream. Such requests break the OpenAPI document by design, so only their answers are
 * held against it ({@link ContractValidator}).
 */
public final class RawHttp {

  private final EmbeddedServer server;
  private final JsonMapper json;

  public RawHttp(EmbeddedServer server, JsonMapper json) {
    this.server = server;
    this.json = json;
  }

  /** An answer: status, headers by lower-case name, body as text. */
  public record Answer(int status, Map<String, String> headers, String body, JsonMapper mapper) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      try {
        return mapper.readValue(body, Argument.of(Map.class));
      } catch (IOException e) {
        throw new AssertionError("not a JSON object: " + body, e);
      }
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String member) {
      return (List<Map<String, Object>>) json().get(member);
    }
  }

  /**
   * Sends {@code method target} with the given header pairs (a null value leaves the header out)
   * and {@code body} (null: none), exactly as given; {@code Host}, {@code Content-Length} and
   * {@code Connection: close} are added.
   */
  public Answer send(String method, String target, byte[] body, String... headers) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    write(request, method + " " + target + " HTTP/1.1\r\n");
    write(request, "Host: " + server.getHost() + ":" + server.getPort() + "\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        write(request, headers[i] + ": " + headers[i + 1] + "\r\n");
      }
    }
    if (body != null) {
      write(request, "Content-Length: " + body.length + "\r\n");
    }
    write(request, "Connection: close\r\n\r\n");
    if (body != null) {
      request.writeBytes(body);
    }
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      Answer answer = parse(socket.getInputStream());
      check(method, target, body, headers, answer);
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway did not answer", e);
    }
  }

  /** A POST of {@code body} as UTF-8 with a bearer token and the given Content-Type (or none). */
  public Answer post(String path, String token, String contentType, String body, String... more) {
    List<String> headers = new ArrayList<>();
    headers.add("Authorization");
    headers.add(token == null ? null : "Bearer " + token);
    headers.add("Content-Type");
    headers.add(contentType);
    headers.addAll(List.of(more));
    return send(
        "POST", path, body.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
  }

  private void check(String method, String target, byte[] body, String[] headers, Answer answer) {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        sent.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
      }
    }
    Map<String, List<String>> received = new LinkedHashMap<>();
    answer.headers().forEach((name, value) -> received.put(name, List.of(value)));
    ContractValidator.get()
        .checkRaw(
            method,
            target,
            HttpHeaders.of(sent, (name, value) -> true),
            body,
            answer.status(),
            HttpHeaders.of(received, (name, value) -> true),
            answer.body().getBytes(StandardCharsets.UTF_8));
  }

  private Answer parse(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no complete answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
    return new Answer(status, headers, body, json);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
