package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URL;

/** Builds the HTTP client that talks to Meta only, closed with the application context. */
@Factory
@Requires(property = MetaProperties.PREFIX + ".base-url")
class MetaHttpClientFactory {

  /** The qualifier of Meta's client; the other partners' clients live in the same context. */
  static final String CLIENT_NAME = "meta";

  @Singleton
  @Named(CLIENT_NAME)
  @Bean(preDestroy = "close")
  HttpClient metaHttpClient(MetaProperties properties) {
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(properties.connectTimeout());
    configuration.setReadTimeout(properties.readTimeout());
    // A redirect is not a Graph answer, and following one would carry the token elsewhere.
    configuration.setFollowRedirects(false);
    try {
      return HttpClient.create(new URL(properties.baseUrl()), configuration);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          MetaProperties.PREFIX + ".base-url is not a URL: " + properties.baseUrl(), e);
    }
  }
}
