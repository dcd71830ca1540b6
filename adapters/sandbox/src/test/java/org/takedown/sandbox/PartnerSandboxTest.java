package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.RequestJournalDisabledException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerSandboxTest {

  @Test
  void gatewayPropertiesPointTheGatewayAtAllThreeSimulators() {
    try (PartnerSandbox sandbox = PartnerSandbox.start()) {
      Map<String, String> properties = sandbox.gatewayProperties();

      assertEquals(
          List.of(
              "gateway.partners.meta.base-url",
              "gateway.partners.meta.api-version",
              "gateway.partners.meta.agency-id",
              "gateway.partners.meta.access-token",
              "gateway.partners.meta.app-secret",
              "gateway.partners.meta.verify-token",
              "gateway.partners.tiktok.base-url",
              "gateway.partners.tiktok.client-key",
              "gateway.partners.tiktok.client-secret",
              "gateway.partners.google.base-url",
              "gateway.partners.google.service-account-file",
              "gateway.partners.google.scope",
              "gateway.partners.google.push-audience",
              "gateway.partners.google.push-service-account",
              "gateway.partners.google.push-jwks-uri",
              "gateway.partners.google.push-issuer"),
          List.copyOf(properties.keySet()));
      assertEquals(sandbox.meta().baseUrl(), properties.get("gateway.partners.meta.base-url"));
      assertEquals("v21.0", properties.get("gateway.partners.meta.api-version"));
      assertEquals("sandbox-meta-token", properties.get("gateway.partners.meta.access-token"));
      assertEquals(sandbox.tiktok().baseUrl(), properties.get("gateway.partners.tiktok.base-url"));
      assertEquals(sandbox.google().baseUrl(), properties.get("gateway.partners.google.base-url"));
      assertEquals(
          sandbox.google().baseUrl() + "/push/jwks.json",
          properties.get("gateway.partners.google.push-jwks-uri"));
      assertEquals(
          "https://accounts.google.com", properties.get("gateway.partners.google.push-issuer"));
      assertEquals(
          GoogleSimulator.PUSH_AUDIENCE, properties.get("gateway.partners.google.push-audience"));
      assertEquals(
          "legal-requests-push@partner-sandbox.iam.gserviceaccount.com",
          properties.get("gateway.partners.google.push-service-account"));
      assertTrue(
          Files.isRegularFile(
              Path.of(properties.get("gateway.partners.google.service-account-file"))));
      assertTrue(sandbox.meta().baseUrl().matches("http://127\\.0\\.0\\.1:[0-9]+"));
      assertEquals(
          3,
          List.of(sandbox.meta().baseUrl(), sandbox.tiktok().baseUrl(), sandbox.google().baseUrl())
              .stream()
              .distinct()
              .count());
    }
  }

  @Test
  void startsOnTheFixedPortsAndInTheDirectoryGivenAndKeepsTheKeyFileOnClose(@TempDir Path dir)
      throws IOException {
    int[] ports = freePorts(3);
    Path keyFile;
    try (PartnerSandbox sandbox =
        PartnerSandbox.start(
            SandboxOptions.builder()
                .metaPort(ports[0])
                .tiktokPort(ports[1])
                .googlePort(ports[2])
                .directory(dir.resolve("sandbox"))
                .advertisedHost("localhost")
                .build())) {
      assertEquals("http://localhost:" + ports[0], sandbox.meta().baseUrl());
      assertEquals("http://localhost:" + ports[1], sandbox.tiktok().baseUrl());
      assertEquals("http://localhost:" + ports[2], sandbox.google().baseUrl());
      keyFile = sandbox.google().serviceAccountFile();
      assertEquals(
          dir.resolve("sandbox").resolve("google-service-account.json").toAbsolutePath(), keyFile);
      assertTrue(
          Files.readString(keyFile)
              .contains("\"token_uri\":\"http://localhost:" + ports[2] + "/token\""));
    }
    assertTrue(Files.exists(keyFile));
  }

  @Test
  void removesItsTemporaryDirectoryOnClose() {
    Path keyFile;
    try (PartnerSandbox sandbox = PartnerSandbox.start()) {
      keyFile = sandbox.google().serviceAccountFile();
      assertTrue(Files.exists(keyFile));
    }
    assertFalse(Files.exists(keyFile.getParent()));
  }

  @Test
  void aTakenPortFailsTheStartNamingThePartnerAndReleasesTheOthers() throws IOException {
    int metaPort = freePorts(1)[0];
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      SandboxOptions options =
          SandboxOptions.builder().metaPort(metaPort).googlePort(taken.getLocalPort()).build();

      IllegalStateException failure =
          assertThrows(IllegalStateException.class, () -> PartnerSandbox.start(options));

      assertTrue(failure.getMessage().contains("google"), failure.getMessage());
    }
    try (PartnerSandbox again =
        PartnerSandbox.start(SandboxOptions.builder().metaPort(metaPort).build())) {
      assertTrue(again.meta().baseUrl().endsWith(":" + metaPort));
    }
  }

  @Test
  void theCallbackUrlAndPushIssuerOptionsReachEveryPartner() {
    try (PartnerSandbox sandbox =
        PartnerSandbox.start(
            SandboxOptions.builder()
                .callbackUrl(URI.create("http://gateway.test:8080/"))
                .googlePushIssuer("https://issuer.test")
                .build())) {
      assertEquals(
          URI.create("http://gateway.test:8080/webhooks/meta"),
          sandbox.meta().callbackUrl().orElseThrow());
      assertEquals(
          URI.create("http://gateway.test:8080/webhooks/tiktok"),
          sandbox.tiktok().callbackUrl().orElseThrow());
      assertEquals(
          URI.create("http://gateway.test:8080/webhooks/google"),
          sandbox.google().callbackUrl().orElseThrow());
      assertEquals(
          "https://issuer.test",
          sandbox.gatewayProperties().get("gateway.partners.google.push-issuer"));
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    PartnerSandbox sandbox = PartnerSandbox.start();
    sandbox.close();
    sandbox.stop();
    assertFalse(sandbox.meta().wireMock().isRunning());
  }

  @Test
  void withoutARequestJournalServesAndCountsCallsButKeepsNoRequests() throws Exception {
    try (PartnerSandbox sandbox =
        PartnerSandbox.start(SandboxOptions.builder().requestJournalLimit(0).build())) {
      MetaSimulator meta = sandbox.meta();
      String createUrl = meta.baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests";

      HttpResponse<String> answer =
          new SandboxHttp()
              .postJson(
                  createUrl, MetaSimulator.ACCESS_TOKEN, SandboxHttp.toJson(Submissions.meta("j")));

      assertEquals(200, answer.statusCode());
      assertEquals(1, meta.createCalls());
      assertTrue(meta.request("j").isPresent());
      assertThrows(
          RequestJournalDisabledException.class, () -> meta.wireMock().getAllServeEvents());
    }
    assertThrows(
        IllegalArgumentException.class, () -> SandboxOptions.builder().requestJournalLimit(-1));
  }

  @Test
  void rejectsPortsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> SandboxOptions.builder().metaPort(65536));
    assertThrows(IllegalArgumentException.class, () -> SandboxOptions.builder().googlePort(-1));
  }

  @Test
  void advertisesLocalhostWhenBoundToEveryInterface() {
    assertEquals(
        "localhost", SandboxOptions.builder().bindAddress("0.0.0.0").build().advertisedHost());
    assertEquals(
        "sandbox",
        SandboxOptions.builder()
            .bindAddress("0.0.0.0")
            .advertisedHost("sandbox")
            .build()
            .advertisedHost());
  }

  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
  }
}
