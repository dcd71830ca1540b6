package org.takedown.gateway.callback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.PartnerSimulator;

/**
 * Points the shared partner sandbox's callbacks at one gateway under test, then back to where they
 * went before (nowhere, unless another test set a target), so that no later test class has its
 * sandbox send callbacks to a gateway that is gone.
 */
public final class SandboxCallbackTarget {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Map<PartnerSimulator, Optional<URI>> previous;

  private SandboxCallbackTarget(Map<PartnerSimulator, Optional<URI>> previous) {
    this.previous = previous;
  }

  public static SandboxCallbackTarget pointAt(URI gateway) {
    PartnerSandbox sandbox = TestGateway.sandbox();
    Map<PartnerSimulator, Optional<URI>> previous = new LinkedHashMap<>();
    for (PartnerSimulator partner : List.of(sandbox.meta(), sandbox.tiktok(), sandbox.google())) {
      previous.put(partner, partner.callbackUrl());
    }
    sandbox.deliverCallbacksTo(gateway);
    return new SandboxCallbackTarget(previous);
  }

  /** Lets the callbacks under way reach this gateway, then restores the previous targets. */
  public void restore() {
    await()
        .atMost(PATIENCE)
        .until(() -> previous.keySet().stream().allMatch(p -> p.callbacksInFlight() == 0));
    previous.forEach(
        (partner, webhook) -> {
          webhook.ifPresentOrElse(
              url -> partner.deliverCallbacksTo(gatewayBaseOf(url)),
              partner::stopDeliveringCallbacks);
          assertEquals(webhook, partner.callbackUrl(), "the sandbox is as it was");
        });
  }

  /** {@code http://host:port/webhooks/meta} → {@code http://host:port}, what the sandbox takes. */
  private static URI gatewayBaseOf(URI webhook) {
    String url = webhook.toString();
    return URI.create(url.substring(0, url.lastIndexOf("/webhooks/")));
  }
}
