package org.takedown.adapters.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;

/**
 * A WireMock Google (API and token endpoint), a freshly generated service-account key written as
 * Google's JSON key file, and Micronaut contexts wired to both.
 */
final class GoogleFixture implements AutoCloseable {

  static final String TOKEN = "ya29.test-access-token";
  static final String CLIENT_EMAIL = "takedown-gateway@unit-test.iam.gserviceaccount.com";
  static final String KEY_ID = "3f2b9c0d41e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9";
  static final String OFFICER_EMAIL = "officer.one@police.example";

  /** Overrides for a context whose read timeout tests can exceed with {@link #SLOW}. */
  static final Map<String, Object> IMPATIENT = Map.of("gateway.partners.google.read-timeout", "1s");

  /** A stub delay well past the {@link #IMPATIENT} read timeout. */
  static final int SLOW = 3_000;

  /** One key per test JVM: generating RSA keys is the slow part of a test. */
  private static final RSAKey KEY = generateKey();

  final WireMockServer wm;
  final Path keyFile;

  private GoogleFixture(WireMockServer wm, Path keyFile) {
    this.wm = wm;
    this.keyFile = keyFile;
  }

  /** Starts WireMock and writes a key file whose {@code token_uri} is WireMock's {@code /token}. */
  static GoogleFixture start(Path dir) {
    warmUpOnce(dir);
    return startServer(dir);
  }

  private static GoogleFixture startServer(Path dir) {
    WireMockServer wm = new WireMockServer(options().dynamicPort());
    wm.start();
    Path keyFile = dir.resolve("service-account-" + UUID.randomUUID() + ".json");
    writeKeyFile(keyFile, wm.baseUrl() + "/token");
    return new GoogleFixture(wm, keyFile);
  }

  private static boolean warm;

  /**
   * One full submit per JVM before any test runs, so that class loading in Netty, Micronaut and
   * WireMock does not count against the one-second read timeout of the timeout tests.
   */
  private static synchronized void warmUpOnce(Path dir) {
    if (warm) {
      return;
    }
    try (GoogleFixture fixture = startServer(dir);
        ApplicationContext context = fixture.context()) {
      fixture.stubToken(TOKEN);
      fixture.wm.stubFor(post(urlPathEqualTo("/v1/legalRequests")).willReturn(okJson("{}")));
      context.getBean(GoogleAdapter.class).submit(command());
    }
    warm = true;
  }

  static RSAKey key() {
    return KEY;
  }

  /** Properties of a context that talks to this fixture; {@code overrides} win. */
  Map<String, Object> properties(Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("gateway.partners.google.base-url", wm.baseUrl());
    properties.put("gateway.partners.google.service-account-file", keyFile.toString());
    properties.put("gateway.partners.google.connect-timeout", "1s");
    // Generous, so a loaded build machine does not turn answers into timeouts; timeout tests
    // shorten it with IMPATIENT.
    properties.put("gateway.partners.google.read-timeout", "5s");
    properties.putAll(overrides);
    return properties;
  }

  ApplicationContext context(Map<String, Object> overrides, Object... singletons) {
    return ApplicationContext.builder()
        .properties(properties(overrides))
        .singletons(singletons)
        .start();
  }

  ApplicationContext context() {
    return context(Map.of());
  }

  void stubToken(String token) {
    wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson(
                    "{\"access_token\": \""
                        + token
                        + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
  }

  void stubTokenFailure(int status, String body) {
    wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  List<LoggedRequest> tokenRequests() {
    return wm.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/token")));
  }

  /** An answer of {@code status} whose JSON body is the stub file {@code google/<name>}. */
  static ResponseDefinitionBuilder jsonFile(int status, String name) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBodyFile("google/" + name);
  }

  void assertNoUnmatchedRequests() {
    assertEquals(List.of(), wm.findAllUnmatchedRequests(), "requests no stub matched");
  }

  static SubmitCommand command(String contentUrl, Category category, Action action) {
    return new SubmitCommand(
        UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"),
        action,
        contentUrl,
        category,
        "Loi 103-13 art. 447-1 (authorisation PR-RABAT-2024-551)",
        "EIB-2024-000123",
        true,
        true,
        new Requester("Officer One", OFFICER_EMAIL, "BNPJ / Brigade technique"));
  }

  static SubmitCommand command() {
    return command("https://youtube.com/watch?v=dQw4w9WgXcQ", Category.SEXTORTION, Action.TAKEDOWN);
  }

  static void writeKeyFile(Path file, String tokenUri) {
    writeKeyFile(file, tokenUri, pkcs8Pem());
  }

  static void writeKeyFile(Path file, String tokenUri, String privateKeyPem) {
    String json =
        "{\n"
            + "  \"type\": \"service_account\",\n"
            + "  \"project_id\": \"unit-test\",\n"
            + "  \"private_key_id\": \""
            + KEY_ID
            + "\",\n"
            + "  \"private_key\": \""
            + privateKeyPem.replace("\n", "\\n")
            + "\",\n"
            + "  \"client_email\": \""
            + CLIENT_EMAIL
            + "\",\n"
            + "  \"client_id\": \"100000000000000000001\",\n"
            + "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
            + "  \"token_uri\": \""
            + tokenUri
            + "\"\n"
            + "}\n";
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pkcs8Pem() {
    try {
      byte[] pkcs8 = KEY.toPrivateKey().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey generateKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    wm.stop();
  }
}
