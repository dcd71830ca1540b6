package org.takedown.gateway.operations;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yml}: the contract document from the contracts module, as clients read it.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class OpenApiController {

  static final String DOCUMENT = "openapi/takedown-gateway.yml";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(uri = "/openapi.yml", produces = "application/yaml")
  HttpResponse<byte[]> document() {
    return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
  }
}
