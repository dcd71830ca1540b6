package org.takedown.adapters.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.platform.PlatformAdapter;

/** What starting an application with (or without) the Google configuration does. */
class GoogleConfigurationTest {

  private static final String PROPERTY = "gateway.partners.google.service-account-file";

  @TempDir Path dir;
  private GoogleFixture google;

  @BeforeEach
  void start() {
    google = GoogleFixture.start(dir);
  }

  @AfterEach
  void stop() {
    google.close();
  }

  /** Every message in the failure's cause chain, so assertions see what an operator would. */
  private static String startupFailure(Map<String, Object> properties) {
    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> ApplicationContext.run(properties).close());
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static String privateKeyBody() {
    String pem = GoogleFixture.pkcs8Pem();
    return pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 60);
  }

  @Test
  void definesNoAdapterWithoutABaseUrl() {
    try (ApplicationContext context = ApplicationContext.run(Map.of())) {
      assertFalse(context.containsBean(GoogleAdapter.class));
      assertFalse(context.containsBean(GoogleCallbacks.class));
      assertTrue(context.getBeansOfType(PlatformAdapter.class).isEmpty());
    }
  }

  @Test
  void appliesTheDocumentedDefaults() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "gateway.partners.google.base-url",
                "https://legalrequests.googleapis.com",
                PROPERTY,
                google.keyFile.toString()))) {
      GoogleProperties defaults = context.getBean(GoogleProperties.class);
      assertEquals(GoogleProperties.DEFAULT_SCOPE, defaults.scope());
      assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
      assertEquals(Duration.ofSeconds(10), defaults.readTimeout());
      assertEquals(Duration.ofMinutes(5), defaults.tokenRefreshMargin());
      assertNull(defaults.pushAudience());
      assertTrue(context.containsBean(GoogleAdapter.class));
      assertTrue(context.containsBean(HttpClient.class, Qualifiers.byName("google")));
    }
  }

  /** A token grant and the call, then both again after a refused token: four exchanges. */
  @Test
  void tellsTheGatewayItsLongestCallFromItsOwnTimeouts() {
    try (ApplicationContext context =
        google.context(
            Map.of(
                "gateway.partners.google.connect-timeout", "2s",
                "gateway.partners.google.read-timeout", "3s"))) {
      assertEquals(Duration.ofSeconds(20), context.getBean(GoogleAdapter.class).longestCall());
    }
  }

  @Test
  void closesTheGoogleHttpClientWithTheApplication() {
    ApplicationContext context = google.context(Map.of());
    HttpClient client = context.getBean(HttpClient.class, Qualifiers.byName("google"));
    assertTrue(client.isRunning());

    context.close();

    assertFalse(client.isRunning());
  }

  @Test
  void holdsThePushNotificationSettings() {
    try (ApplicationContext context =
        google.context(
            Map.of(
                "gateway.partners.google.push-audience", "https://gateway.example/webhooks/google",
                "gateway.partners.google.push-service-account",
                    "push@unit-test.iam.gserviceaccount.com",
                "gateway.partners.google.push-jwks-uri",
                    "https://www.googleapis.com/oauth2/v3/certs",
                "gateway.partners.google.push-issuer", "https://accounts.google.com"))) {
      GoogleProperties properties = context.getBean(GoogleProperties.class);
      assertEquals("https://gateway.example/webhooks/google", properties.pushAudience());
      assertEquals("push@unit-test.iam.gserviceaccount.com", properties.pushServiceAccount());
      assertEquals("https://www.googleapis.com/oauth2/v3/certs", properties.pushJwksUri());
      assertEquals("https://accounts.google.com", properties.pushIssuer());
    }
  }

  @Test
  void failsAtStartupNamingThePropertyWhenTheKeyFileIsMissing() {
    Path missing = dir.resolve("no-such-key.json");

    String failure = startupFailure(google.properties(Map.of(PROPERTY, missing.toString())));

    assertTrue(failure.contains(PROPERTY + ": cannot read " + missing), failure);
  }

  @Test
  void failsAtStartupWhenNoKeyFileIsConfigured() {
    Map<String, Object> properties = new HashMap<>(google.properties(Map.of()));
    properties.remove(PROPERTY);

    String failure = startupFailure(properties);

    assertTrue(failure.contains(PROPERTY + " is not set"), failure);
  }

  @Test
  void failsAtStartupWithoutQuotingAKeyFileThatIsNotJson() throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken, "{\"private_key\": \"" + GoogleFixture.pkcs8Pem().replace("\n", "\\n") + "\",");

    String failure = startupFailure(google.properties(Map.of(PROPERTY, broken.toString())));

    assertTrue(failure.contains(PROPERTY + ": " + broken + " is unusable"), failure);
    assertFalse(failure.contains(privateKeyBody()), "the private key leaked: " + failure);
  }

  @Test
  void failsAtStartupWhenThePrivateKeyIsNotPkcs8() {
    Path pkcs1 = dir.resolve("pkcs1.json");
    GoogleFixture.writeKeyFile(
        pkcs1,
        google.wm.baseUrl() + "/token",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");

    String failure = startupFailure(google.properties(Map.of(PROPERTY, pkcs1.toString())));

    assertTrue(failure.contains("private_key is not a PKCS#8 PEM key"), failure);
  }

  @Test
  void failsAtStartupWithoutQuotingAPrivateKeyThatDoesNotDecode() {
    Path corrupt = dir.resolve("corrupt.json");
    String pem = GoogleFixture.pkcs8Pem();
    String damaged = pem.substring(0, 200) + "!!" + pem.substring(202);
    GoogleFixture.writeKeyFile(corrupt, google.wm.baseUrl() + "/token", damaged);

    String failure = startupFailure(google.properties(Map.of(PROPERTY, corrupt.toString())));

    assertTrue(failure.contains(PROPERTY + ": " + corrupt + " is unusable"), failure);
    assertFalse(failure.contains(privateKeyBody()), "the private key leaked: " + failure);
  }

  @Test
  void failsAtStartupWhenTheKeyFileLacksTheTokenUri() throws IOException {
    Path noTokenUri = dir.resolve("no-token-uri.json");
    Files.writeString(
        noTokenUri,
        "{\"type\": \"service_account\", \"client_email\": \"a@b.iam.gserviceaccount.com\","
            + " \"private_key_id\": \"k1\", \"private_key\": \""
            + GoogleFixture.pkcs8Pem().replace("\n", "\\n")
            + "\"}");

    String failure = startupFailure(google.properties(Map.of(PROPERTY, noTokenUri.toString())));

    assertTrue(failure.contains("it has no token_uri"), failure);
  }
}
