package org.takedown.gateway.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.MerkleTree;
import org.takedown.gateway.testing.TestGateway;

/**
 * The production jar, the one the Docker image runs (gateway/target/takedown-gateway.jar): it holds
 * no stand-in, refuses to start unless every service is configured, and runs in production mode
 * when they are.
 */
class ProductionJarIT {

  /** sysexits' EX_CONFIG, the gateway's exit status for a configuration it cannot start with. */
  private static final int CONFIGURATION_ERROR = 78;

  private static final Path JAR = Path.of(System.getProperty("production.jar"));

  @TempDir Path dir;

  @Test
  void holdsNoStandIn() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the gateway module's package phase");
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> standIns =
          jar.stream()
              .map(ZipEntry::getName)
              .filter(
                  name ->
                      name.startsWith("io/zonky/")
                          || name.startsWith("org/takedown/sandbox/")
                          || name.startsWith("org/takedown/gateway/localrun/")
                          || name.contains("DevIdentityProvider")
                          || name.contains("DevSigningKey")
                          || name.startsWith("wiremock/")
                          || name.startsWith("com/github/tomakehurst/"))
              .limit(5)
              .toList();
      assertEquals(List.of(), standIns);
    }
  }

  @Test
  void refusesToStartUnconfiguredNamingEveryMissingProperty() {
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR)) {
      assertEquals(CONFIGURATION_ERROR, gateway.awaitExit(Duration.ofSeconds(60)));
      String first = gateway.lines().get(0);
      assertTrue(first.contains("ERROR") && first.contains("production build"), first);
      for (String property :
          List.of(
              "datasources.default.url",
              "gateway.auth.jwks-uri",
              "gateway.auth.issuer",
              "gateway.console.oidc.issuer",
              "gateway.console.session.secret",
              "gateway.partners.meta.access-token",
              "gateway.partners.tiktok.client-key",
              "gateway.partners.google.service-account-file")) {
        assertTrue(first.contains(property), property + " in " + first);
      }
    }
    assertFalse(Files.exists(dir.resolve("data")), "nothing was started, nothing written");
  }

  @Test
  void refusesLocalModeEvenWhenAsked() {
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR, "--gateway.local.enabled=true")) {
      assertEquals(CONFIGURATION_ERROR, gateway.awaitExit(Duration.ofSeconds(60)));
      assertTrue(gateway.output().contains("this is the production build"), gateway.output());
    }
  }

  @Test
  void runsInProductionModeWhenEverythingIsConfigured() {
    List<String> args = new ArrayList<>();
    TestGateway.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    // no identity provider in this test: an API-only gateway, which production mode allows
    args.removeIf(a -> a.startsWith("--gateway.console."));
    args.add("--gateway.console.enabled=false");
    args.removeIf(a -> a.startsWith("--micronaut.server.port="));
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR, args.toArray(String[]::new))) {
      gateway.awaitHealthy(Duration.ofSeconds(90));
      String first = gateway.lines().get(0);
      assertTrue(first.contains("Production mode"), first);
      assertEquals(GatewayProcess.STOPPED_BY_SIGTERM, gateway.stop(), gateway.output());
    }
  }

  /**
   * The README's offline verification command runs from this jar with nothing but a bundle: no
   * database, no configuration, no network.
   */
  @Test
  void verifiesAnEvidenceBundleWithNothingButTheJar() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("court-test").generate();
    String caseId = UUID.randomUUID().toString();
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<Hash> leaves = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      byte[] content = ("{\"call\":" + index + "}").getBytes(StandardCharsets.UTF_8);
      byte[] leaf =
          ("{\"index\":%d,\"at\":\"2026-12-07T00:00:0%dZ\",\"kind\":\"partner.request\","
                  + "\"requestId\":\"%s\",\"caseId\":\"%s\",\"platform\":\"META\","
                  + "\"actor\":\"gateway\",\"contentSha256\":\"%s\"}")
              .formatted(
                  index,
                  index,
                  UUID.randomUUID(),
                  caseId,
                  HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
              .getBytes(StandardCharsets.UTF_8);
      leaves.add(MerkleTree.leafHash(leaf));
      files.put("entries/" + index + ".json", leaf);
      files.put("content/" + index, content);
    }
    for (int index = 0; index < 2; index++) {
      files.put(
          "proofs/" + index + ".json",
          ("{\"index\":"
                  + index
                  + ",\"treeSize\":2,\"auditPath\":[\""
                  + leaves.get(1 - index).base64()
                  + "\"]}")
              .getBytes(StandardCharsets.UTF_8));
    }
    String root = MerkleTree.rootOf(leaves).base64();
    String payload =
        "{\"treeSize\":2,\"rootHash\":\"" + root + "\",\"at\":\"2026-12-07T00:00:05Z\"}";
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
            new Payload(payload));
    jws.sign(new ECDSASigner(key));
    Map<String, byte[]> bundle = new LinkedHashMap<>();
    bundle.put(
        "checkpoint.json",
        (payload.substring(0, payload.length() - 1) + ",\"jws\":\"" + jws.serialize() + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    bundle.put(
        "keys.json", new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8));
    bundle.putAll(files);
    Path good = zip(dir.resolve("case.zip"), bundle);
    bundle.put("content/1", "{\"call\":2}".getBytes(StandardCharsets.UTF_8));
    Path tampered = zip(dir.resolve("tampered.zip"), bundle);

    assertEquals(0, verify(good), "exit status of the verification of case.zip");
    assertEquals(1, verify(tampered), "exit status of the verification of tampered.zip");
    String failure = Files.readString(dir.resolve("tampered.zip.err"));
    assertTrue(failure.startsWith("FAILED: entry 1: content/1 does not match"), failure);
    assertFalse(Files.exists(dir.resolve("data")), "nothing was started, nothing written");
  }

  private static Path zip(Path file, Map<String, byte[]> files) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> entry : files.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return file;
  }

  /** {@code java -cp <the production jar> ...VerifyEvidence bundle}, in a bare environment. */
  private int verify(Path bundle) throws IOException, InterruptedException {
    ProcessBuilder command =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR.toAbsolutePath().toString(),
                "org.takedown.gateway.custody.verify.VerifyEvidence",
                bundle.toString())
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(bundle.getFileName() + ".out").toFile())
            .redirectError(dir.resolve(bundle.getFileName() + ".err").toFile());
    command.environment().clear();
    Process process = command.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends");
    return process.exitValue();
  }
}
