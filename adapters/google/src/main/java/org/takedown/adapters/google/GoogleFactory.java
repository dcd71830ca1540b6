package org.takedown.adapters.google;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;

/** Builds the Google HTTP client and reads the service-account key, from configuration only. */
@Factory
@Requires(property = GoogleProperties.PREFIX + ".base-url")
class GoogleFactory {

  /** Qualifier of the Google client; unique because all adapters share one application context. */
  static final String CLIENT = "google";

  @Singleton
  @Named(CLIENT)
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

  /** Eager, so that a missing or broken key file stops the application at startup. */
  @Context
  ServiceAccountKey serviceAccountKey(GoogleProperties properties, JsonMapper json) {
    return ServiceAccountKey.read(properties.serviceAccountFile(), json);
  }
}
