package org.takedown.adapters.google;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;

/** Builds the HTTP client that talks to Google only, closed with the application context. */
@Factory
@Requires(property = GoogleProperties.PREFIX + ".base-url")
class GoogleHttpClientFactory {

  /** The qualifier of Google's client; the other partners' clients live in the same context. */
  static final String CLIENT_NAME = "google";

  @Singleton
  @Named(CLIENT_NAME)
  @Bean(preDestroy = "close")
  HttpClient googleHttpClient(GoogleProperties properties) {
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(properties.connectTimeout());
    configuration.setReadTimeout(properties.readTimeout());
    try {
      return HttpClient.create(URI.create(properties.baseUrl()).toURL(), configuration);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          GoogleProperties.PREFIX + ".base-url is not an absolute URL: " + properties.baseUrl(), e);
    }
  }
}
