package org.takedown.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's Google service account: an RSA key pair made for this run, and the JSON key file
 * Google would issue for it, which the gateway reads like a real one.
 */
final class GoogleServiceAccount {

  static final String FILE_NAME = "google-service-account.json";
  static final String PROJECT_ID = "partner-sandbox";
  static final String CLIENT_EMAIL = "takedown-gateway@" + PROJECT_ID + ".iam.gserviceaccount.com";

  private final KeyPair keys;
  private final String privateKeyId;

  private GoogleServiceAccount(KeyPair keys, String privateKeyId) {
    this.keys = keys;
    this.privateKeyId = privateKeyId;
  }

  static GoogleServiceAccount generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new GoogleServiceAccount(generator.generateKeyPair(), RandomText.hex(20));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  RSAPublicKey publicKey() {
    return (RSAPublicKey) keys.getPublic();
  }

  String privateKeyId() {
    return privateKeyId;
  }

  /**
   * Writes the key file into {@code directory} (created when missing), replacing an older one
   * atomically, readable by the owner only where the file system has POSIX permissions.
   */
  Path writeKeyFile(Path directory, String tokenUri) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("type", "service_account");
    file.put("project_id", PROJECT_ID);
    file.put("private_key_id", privateKeyId);
    file.put("private_key", privateKeyPem());
    file.put("client_email", CLIENT_EMAIL);
    file.put("client_id", "100000000000000000001");
    file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    file.put("token_uri", tokenUri);
    file.put("universe_domain", "googleapis.com");
    Path target = directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(directory);
      Path written = Files.createTempFile(directory, FILE_NAME, ".tmp", ownerOnly());
      Files.writeString(written, JsonText.write(file), StandardCharsets.UTF_8);
      Files.move(
          written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Google service-account file " + target, e);
    }
  }

  private String privateKeyPem() {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
