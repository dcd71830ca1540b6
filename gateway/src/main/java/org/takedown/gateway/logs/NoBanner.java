package org.takedown.gateway.logs;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

/**
 * Keeps Micronaut's ASCII-art banner off stdout, which carries log lines only: in the default JSON
 * format, five lines of art would be five lines a log shipper cannot parse. Applied to every
 * application context the gateway builds, before it starts.
 */
@ContextConfigurer
public final class NoBanner implements ApplicationContextConfigurer {

  @Override
  public void configure(ApplicationContextBuilder builder) {
    builder.banner(false);
  }
}
