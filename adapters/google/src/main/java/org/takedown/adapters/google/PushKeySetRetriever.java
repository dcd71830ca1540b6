package org.takedown.adapters.google;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches the push JWKS for Nimbus from {@code http:}, {@code https:} or {@code file:} URLs: a key
 * set kept in a file serves sites without outbound access to Google, and local runs.
 */
final class PushKeySetRetriever implements ResourceRetriever {

  /** A JWKS of a few keys is a few kilobytes; anything far larger is not one. */
  static final int SIZE_LIMIT = 256 * 1024;

  private static final String JSON = "application/json";

  private final ResourceRetriever http;

  PushKeySetRetriever(Duration connectTimeout, Duration readTimeout) {
    this.http =
        new DefaultResourceRetriever(
            (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), SIZE_LIMIT);
  }

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    if (!"file".equalsIgnoreCase(url.getProtocol())) {
      return http.retrieveResource(url);
    }
    Path file;
    try {
      file = Path.of(url.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("not a local file: " + url, e);
    }
    if (Files.size(file) > SIZE_LIMIT) {
      throw new IOException("key set file exceeds " + SIZE_LIMIT + " bytes: " + file);
    }
    return new Resource(Files.readString(file, StandardCharsets.UTF_8), JSON);
  }
}
