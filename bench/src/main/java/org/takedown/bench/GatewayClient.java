package org.takedown.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/** Builds the case submissions the harness sends to the gateway, as an internal service would. */
final class GatewayClient {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI cases;
  private final String token;
  private final CaseMix mix;
  private final SplittableRandom seeds = new SplittableRandom(5);

  GatewayClient(String gatewayUrl, String token, CaseMix mix) {
    this.cases = URI.create(gatewayUrl + "/api/v1/cases");
    this.token = token;
    this.mix = mix;
  }

  HttpRequest submission(CaseMix.Submission submission) {
    return HttpRequest.newBuilder(cases)
        .timeout(OpenLoopLoad.REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", submission.externalRef())
        .POST(HttpRequest.BodyPublishers.ofString(submission.json()))
        .build();
  }

  /** The same submission for the open-loop load's client. */
  ClassicHttpRequest classicSubmission(CaseMix.Submission submission) {
    return ClassicRequestBuilder.post(cases)
        .addHeader("Authorization", "Bearer " + token)
        .addHeader("Idempotency-Key", submission.externalRef())
        .setEntity(submission.json(), ContentType.APPLICATION_JSON)
        .build();
  }

  /** A supplier for one sending thread (the open-loop scheduler); not thread-safe. */
  Supplier<ClassicHttpRequest> submissions() {
    SplittableRandom random = seeds.split();
    return () -> classicSubmission(mix.next(random));
  }
}
