package org.takedown.gateway.localrun;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The custody log's checkpoint signing key of a local run: an EC P-256 private JWK kept under the
 * data directory, created on first use, so that checkpoints signed before a restart still verify
 * after it. Never used when {@code gateway.custody.signing-key} is configured.
 */
final class DevCustodyKey {

  static final String FILE = "checkpoint-key.json";

  private DevCustodyKey() {}

  /** The key file in {@code dir}, created if missing. */
  static Path loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return file;
      }
      Files.createDirectories(dir);
      String key =
          new ECKeyGenerator(Curve.P_256)
              .keyID("dev-custody-" + UUID.randomUUID())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .generate()
              .toJSONString();
      Files.writeString(file, key);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's default permissions
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the custody signing key in " + dir, e);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a custody signing key", e);
    }
  }
}
