package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;

/** Builds the one HTTP client that talks to TikTok, closed with the application context. */
@Factory
@Requires(property = TikTokProperties.PREFIX + ".base-url")
class TikTokHttpClientFactory {

  /** The qualifier of TikTok's client; the other partners' clients live in the same context. */
  static final String CLIENT_NAME = "tiktok";

  @Singleton
  @Named(CLIENT_NAME)
  @Bean(preDestroy = "close")
  HttpClient tiktokHttpClient(TikTokProperties properties) throws MalformedURLException {
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(properties.connectTimeout());
    configuration.setReadTimeout(properties.readTimeout());
    // Error statuses carry TikTok's error envelope: they are answers to classify, not exceptions.
    configuration.setExceptionOnErrorStatus(false);
    // A redirect would replay the bearer token to wherever it points; TikTok's API never redirects.
    configuration.setFollowRedirects(false);
    return HttpClient.create(properties.baseUrl().toURL(), configuration);
  }
}
