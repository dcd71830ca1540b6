package org.takedown.gateway.console.signin;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.security.oauth2.endpoint.token.request.DefaultTokenEndpointClient;
import io.micronaut.security.oauth2.endpoint.token.request.context.TokenRequestContext;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint as Micronaut's OpenID client calls it, except that a refusal (a replayed or
 * expired code, a wrong client secret) or an unreachable provider ends the sign-in as a failed one,
 * the officer seeing the "sign-in failed" page, rather than as a server error.
 */
@Singleton
@Replaces(DefaultTokenEndpointClient.class)
final class QuietTokenEndpoint extends DefaultTokenEndpointClient {

  private static final Logger LOG = LoggerFactory.getLogger(QuietTokenEndpoint.class);

  QuietTokenEndpoint(BeanContext beanContext, HttpClientConfiguration defaultClientConfiguration) {
    super(beanContext, defaultClientConfiguration);
  }

  @Override
  public <G, R extends TokenResponse> Publisher<R> sendRequest(
      TokenRequestContext<G, R> requestContext) {
    Publisher<R> answer = super.sendRequest(requestContext);
    return subscriber -> answer.subscribe(new EndingOnError<>(subscriber));
  }

  /** Passes every signal on, except an error, which becomes the end: no token, no sign-in. */
  private static final class EndingOnError<R> implements Subscriber<R> {

    private final Subscriber<? super R> downstream;

    EndingOnError(Subscriber<? super R> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(R response) {
      downstream.onNext(response);
    }

    @Override
    public void onError(Throwable error) {
      // the type only: a provider's error description may quote what was sent
      LOG.info(
          "console sign-in: the token endpoint refused ({})", error.getClass().getSimpleName());
      downstream.onComplete();
    }

    @Override
    public void onComplete() {
      downstream.onComplete();
    }
  }
}
