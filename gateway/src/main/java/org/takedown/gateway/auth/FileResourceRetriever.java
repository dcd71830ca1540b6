package org.takedown.gateway.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets Nimbus' caching JWK source read a key set from a {@code file:} URI as well as over HTTP, so
 * one code path (cache, refresh on an unknown key id) serves both.
 */
final class FileResourceRetriever implements ResourceRetriever {

  private static final int TIMEOUT_MS = 5_000;
  private static final int SIZE_LIMIT = 512 * 1024;

  private final ResourceRetriever http =
      new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT);

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    if (!"file".equals(url.getProtocol())) {
      return http.retrieveResource(url);
    }
    try {
      return new Resource(Files.readString(Path.of(url.toURI())), "application/json");
    } catch (URISyntaxException e) {
      throw new IOException("not a usable file URI: " + url, e);
    }
  }
}
