package org.takedown.gateway.logs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * {@code X-Request-Id}: a sane one is the caller's to choose and comes back on every answer, a
 * broken or hostile one is replaced by a fresh UUID, never written anywhere.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdIT implements TestPropertyProvider {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  private String submitter() {
    return TestTokens.get().submitter("e-blagh-triage");
  }

  @Test
  void aSaneIdComesBackOnEveryKindOfAnswer() {
    String id = "lb-7f3a.9c21:0042_x-" + UUID.randomUUID();
    Map<String, Api.Answer> answers =
        Map.of(
            "created",
            api.post(
                "/api/v1/cases",
                submitter(),
                api.toJson(Cases.sample()),
                RequestIds.HEADER,
                id + "-1"),
            "no token",
            api.get("/api/v1/cases/" + UUID.randomUUID(), null, RequestIds.HEADER, id + "-2"),
            "no such case",
            api.get(
                "/api/v1/cases/" + UUID.randomUUID(), submitter(), RequestIds.HEADER, id + "-3"),
            "no route",
            api.get("/no/such/route", submitter(), RequestIds.HEADER, id + "-4"),
            "health",
            api.get("/health", null, RequestIds.HEADER, id + "-5"),
            "refused webhook",
            api.withInvalidRequest()
                .post("/webhooks/meta", null, "{}", RequestIds.HEADER, id + "-6"),
            "unreadable body",
            api.withInvalidRequest()
                .post("/api/v1/cases", submitter(), "{not json", RequestIds.HEADER, id + "-7"));

    assertStatus(201, answers.get("created"));
    assertStatus(401, answers.get("no token"));
    assertStatus(404, answers.get("no such case"));
    assertStatus(404, answers.get("no route"));
    assertStatus(200, answers.get("health"));
    assertStatus(401, answers.get("refused webhook"));
    assertStatus(400, answers.get("unreadable body"));
    answers.forEach(
        (what, answer) ->
            assertTrue(
                answer.header(RequestIds.HEADER) != null
                    && answer.header(RequestIds.HEADER).startsWith(id + "-"),
                what + ": " + answer.raw().headers().map()));
    assertEquals(id + "-1", answers.get("created").header(RequestIds.HEADER));
    assertEquals(id + "-7", answers.get("unreadable body").header(RequestIds.HEADER));
  }

  @Test
  void anAnswerToACallerWithoutAnIdCarriesAFreshOne() {
    Api.Answer first = api.get("/health", null);
    Api.Answer second = api.get("/health", null);

    assertTrue(UUID_TEXT.matcher(first.header(RequestIds.HEADER)).matches(), first.toString());
    assertNotEquals(first.header(RequestIds.HEADER), second.header(RequestIds.HEADER));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "with space",
        "quote\"d",
        "semi;colon",
        "percent%0D%0Aencoded",
        "accent-é",
        "{json:1}",
        "${jndi:ldap://x}"
      })
  void anIdOutsideTheSaneAlphabetIsReplaced(String offered) {
    Api.Answer answer = api.get("/health", null, RequestIds.HEADER, offered);

    assertReplaced(offered, answer.header(RequestIds.HEADER));
  }

  @Test
  void anIdOfMoreThan128CharactersIsReplacedAnd128AreKept() {
    String longest = "a".repeat(128);
    String tooLong = "a".repeat(129);

    assertEquals(
        longest, api.get("/health", null, RequestIds.HEADER, longest).header("X-Request-Id"));
    assertReplaced(
        tooLong, api.get("/health", null, RequestIds.HEADER, tooLong).header("X-Request-Id"));
  }

  /**
   * What a client library would refuse to send, written on the wire as is: control characters, a
   * bare CR, and a line folded into the id (a CR/LF followed by a space continues a header).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ctl\u0001char",
        "tab\there",
        "bare\rERROR forged line",
        "folded\r\n ERROR forged line",
        "nul\u0000byte"
      })
  void controlCharactersAndLineBreaksNeverReachTheAnswerOrTheLog(String offered)
      throws IOException {
    try (JsonLogCapture capture =
        JsonLogCapture.start().level("org.takedown.gateway.logs", Level.DEBUG)) {
      RawAnswer answer = rawGet("/health", RequestIds.HEADER + ": " + offered);

      // a request the HTTP layer itself refuses (400) is answered with a fresh id too
      assertTrue(answer.status() == 200 || answer.status() == 400, answer.head());
      String given = answer.header(RequestIds.HEADER).orElseThrow();
      assertTrue(UUID_TEXT.matcher(given).matches(), "replaced: " + answer.head());
      if (answer.status() == 200) {
        // the exchange's own line is under the id it was given, and nothing quotes the offer
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !capture.lines(line -> given.equals(line.get("correlationId"))).isEmpty());
      }
      assertFalse(answer.head().contains("forged"), answer.head());
      for (String line : capture.raw()) {
        assertFalse(line.contains("forged line"), line);
        assertFalse(line.contains("ctl\u0001char") || line.contains("nul\u0000byte"), line);
      }
      capture.parsed(); // and every line is still one JSON object
    }
  }

  private static void assertStatus(int status, Api.Answer answer) {
    assertEquals(status, answer.status(), answer.body());
  }

  private static void assertReplaced(String offered, String given) {
    assertTrue(given != null && UUID_TEXT.matcher(given).matches(), offered + " -> " + given);
    assertFalse(given.contains(offered));
  }

  private record RawAnswer(int status, String head) {
    Optional<String> header(String name) {
      return head.lines()
          .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).trim())
          .findFirst();
    }
  }

  /**
   * A GET written byte for byte, with {@code extraHeader} as given; the answer's status and head.
   */
  private RawAnswer rawGet(String path, String extraHeader) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + server.getHost()
              + "\r\n"
              + extraHeader
              + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      List<String> parts = List.of(head.split(" ", 3));
      return new RawAnswer(Integer.parseInt(parts.get(1)), head);
    }
  }
}
