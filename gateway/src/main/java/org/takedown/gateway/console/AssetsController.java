package org.takedown.gateway.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Serves the console's {@link Assets}: to anyone (they hold nothing but code and style, and the
 * sign-in and error pages need them too), cached for a year under their digest. An address with an
 * older digest (a page from before a deployment) gets today's file, not to be cached; an unknown
 * name is a 404.
 */
@Controller(Assets.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
final class AssetsController {

  static final String FOR_A_YEAR = "public, max-age=31536000, immutable";

  private final Assets assets;

  AssetsController(Assets assets) {
    this.assets = assets;
  }

  @Get("/{digest}/{name}")
  HttpResponse<byte[]> asset(String digest, String name) {
    return assets
        .find(name)
        .<HttpResponse<byte[]>>map(
            asset ->
                HttpResponse.ok(asset.content())
                    .contentType(asset.type())
                    .header(
                        HttpHeaders.CACHE_CONTROL,
                        asset.digest().equals(digest) ? FOR_A_YEAR : "no-cache"))
        .orElseGet(HttpResponse::notFound);
  }
}
