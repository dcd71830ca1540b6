package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestCustodyKey;
import org.takedown.gateway.testing.TestGateway;

/**
 * After a restart the monitor starts from the newest checkpoint of its witness directory: a log
 * that lost what that checkpoint covered (a database restored from an older backup, rewritten while
 * the gateway was down) is caught at the first round.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustodyMonitorRestartIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    try {
      Path witness = Files.createTempDirectory("custody-witness-restart");
      // what this gateway handed over before: a checkpoint of 1,000 entries, signed by its key
      String at = "2026-12-01T08:00:00Z";
      String root = Base64.getEncoder().encodeToString(new byte[32]);
      String payload = "{\"treeSize\":1000,\"rootHash\":\"" + root + "\",\"at\":\"" + at + "\"}";
      ECKey key = ECKey.parse(Files.readString(TestCustodyKey.file()));
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
              new Payload(payload));
      jws.sign(new ECDSASigner(key));
      Files.writeString(
          witness.resolve(CheckpointWitness.fileName(1000)),
          "{\"treeSize\":1000,\"rootHash\":\""
              + root
              + "\",\"at\":\""
              + at
              + "\",\"jws\":\""
              + jws.serialize()
              + "\"}");
      return TestGateway.properties(
          "gateway.dispatch.enabled", "false",
          "gateway.custody.monitor-interval", "100ms",
          "gateway.custody.witness.directory", witness.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLogSmallerThanTheLastCheckpointHandedToTheWitnessIsInconsistent() {
    Api api = new Api(server.getURL(), json);

    @SuppressWarnings("unchecked")
    Map<String, Object> custody =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> (Map<String, Object>) api.get("/health", null).json().get("custody"),
                c -> "INCONSISTENT".equals(c.get("status")));
    String problem = (String) custody.get("problem");
    assertTrue(problem.contains("one of 1000 entries was seen"), problem);
  }
}
