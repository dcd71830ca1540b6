package org.takedown.gateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The custody log's checkpoint signing key of the gateways under test: one per test JVM. */
public final class TestCustodyKey {

  public static final String KEY_ID = "test-custody";

  private static Path file;

  private TestCustodyKey() {}

  /** The JWK file {@code gateway.custody.signing-key} names. */
  public static synchronized Path file() {
    if (file == null) {
      try {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(KEY_ID).generate();
        Path created = Files.createTempFile("test-custody-key", ".json");
        Files.writeString(created, key.toJSONString());
        created.toFile().deleteOnExit();
        file = created;
      } catch (JOSEException | IOException e) {
        throw new IllegalStateException("cannot make the test custody key", e);
      }
    }
    return file;
  }
}
