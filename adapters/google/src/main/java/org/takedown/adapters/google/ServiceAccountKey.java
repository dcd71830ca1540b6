package org.takedown.adapters.google;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The parts of a Google service-account JSON key the token exchange needs.
 *
 * <p>Failures to read it name the configuration property and the file, never the key material.
 */
record ServiceAccountKey(
    String clientEmail, String privateKeyId, RSAPrivateKey privateKey, URI tokenUri) {

  private static final String PROPERTY = GoogleProperties.PREFIX + ".service-account-file";
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";
  private static final int MIN_KEY_BITS = 2048;

  /** The file as Google issues it; only the fields used here. */
  @Serdeable
  record KeyFile(
      @Nullable String type,
      @Nullable @JsonProperty("client_email") String clientEmail,
      @Nullable @JsonProperty("private_key_id") String privateKeyId,
      @Nullable @JsonProperty("private_key") String privateKey,
      @Nullable @JsonProperty("token_uri") String tokenUri) {}

  static ServiceAccountKey read(@Nullable String file, JsonMapper json) {
    if (file == null || file.isBlank()) {
      throw new IllegalStateException(PROPERTY + " is not set: the Google adapter needs a key");
    }
    KeyFile keyFile = parse(file, json);
    if (keyFile.type() != null && !"service_account".equals(keyFile.type())) {
      throw invalid(file, "type is not service_account");
    }
    return new ServiceAccountKey(
        required(file, "client_email", keyFile.clientEmail()),
        required(file, "private_key_id", keyFile.privateKeyId()),
        privateKey(file, required(file, "private_key", keyFile.privateKey())),
        tokenUri(file, required(file, "token_uri", keyFile.tokenUri())));
  }

  private static KeyFile parse(String file, JsonMapper json) {
    byte[] content;
    try {
      content = Files.readAllBytes(Path.of(file));
    } catch (IOException | InvalidPathException e) {
      throw new IllegalStateException(
          PROPERTY + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    KeyFile keyFile;
    try {
      keyFile = json.readValue(content, KeyFile.class);
    } catch (IOException | RuntimeException e) {
      // No cause: parser messages quote the file's content, which holds the private key.
      throw invalid(file, "not a JSON service-account key");
    }
    if (keyFile == null) {
      throw invalid(file, "not a JSON service-account key");
    }
    return keyFile;
  }

  private static String required(String file, String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw invalid(file, "it has no " + field);
    }
    return value;
  }

  private static RSAPrivateKey privateKey(String file, String pem) {
    String armoured = pem.trim();
    if (!armoured.startsWith(PEM_BEGIN) || !armoured.endsWith(PEM_END)) {
      throw invalid(file, "private_key is not a PKCS#8 PEM key");
    }
    String base64 =
        armoured
            .substring(PEM_BEGIN.length(), armoured.length() - PEM_END.length())
            .replaceAll("\\s", "");
    RSAPrivateKey rsaKey;
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      rsaKey = (RSAPrivateKey) key;
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw invalid(file, "private_key is not a PKCS#8 RSA key");
    }
    // RS256 signers refuse shorter keys; finding out at startup beats failing every token fetch.
    if (rsaKey.getModulus().bitLength() < MIN_KEY_BITS) {
      throw invalid(file, "private_key is shorter than " + MIN_KEY_BITS + " bits");
    }
    return rsaKey;
  }

  private static URI tokenUri(String file, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getHost() != null
          && ("https".equalsIgnoreCase(uri.getScheme())
              || "http".equalsIgnoreCase(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw invalid(file, "token_uri is not an absolute http(s) URL");
  }

  private static IllegalStateException invalid(String file, String why) {
    return new IllegalStateException(PROPERTY + ": " + file + " is unusable: " + why);
  }

  /** Keeps the private key out of logs and exception messages. */
  @Override
  public String toString() {
    return "ServiceAccountKey[clientEmail=" + clientEmail + ", privateKeyId=" + privateKeyId + "]";
  }
}
