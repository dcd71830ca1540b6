package org.takedown.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.takedown.sandbox.CallbackSignatures.googleData;
import static org.takedown.sandbox.CallbackSignatures.json;
import static org.takedown.sandbox.CallbackSignatures.verifiedMeta;
import static org.takedown.sandbox.SandboxHttp.object;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With auto-complete, every new request is reviewed and completed on its own. */
class AutoCompleteTest {

  private static final Duration DELAY = Duration.ofMillis(400);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private GatewayReceiver gateway;
  private PartnerSandbox sandbox;

  @BeforeEach
  void start() {
    gateway = new GatewayReceiver();
    sandbox =
        PartnerSandbox.start(
            SandboxOptions.builder()
                .autoComplete(DELAY)
                .callbackUrl(gateway.baseUrl())
                .callbackRedelivery(3, Duration.ofMillis(50))
                .build());
  }

  @AfterEach
  void stop() {
    sandbox.close();
    gateway.close();
  }

  @Test
  void everyNewRequestIsReviewedThenCompletedWithCallbacks() throws Exception {
    PartnerClient client = new PartnerClient(sandbox);
    String metaId = client.createAtMeta(UUID.randomUUID().toString(), "CONTENT_REMOVAL");
    String tiktokId = client.createAtTikTok(UUID.randomUUID().toString(), "PRESERVATION");
    String operation =
        (String) client.createAtGoogle(UUID.randomUUID().toString(), "REMOVAL").get("name");

    await()
        .atMost(PATIENCE)
        .until(() -> "COMPLETED".equals(client.metaStatus(metaId).get("status")));
    await()
        .atMost(PATIENCE)
        .until(() -> "COMPLETED".equals(client.tiktokStatus(tiktokId).get("status")));
    await()
        .atMost(PATIENCE)
        .until(() -> Boolean.TRUE.equals(client.googlePoll(operation).get("done")));

    assertEquals("CONTENT_REMOVED", client.metaStatus(metaId).get("outcome"));
    assertEquals("PRESERVED", client.tiktokStatus(tiktokId).get("result"));
    assertEquals("REMOVED", object(client.googlePoll(operation), "response").get("resolution"));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                sandbox.meta().callbacksDelivered() == 2
                    && sandbox.tiktok().callbacksDelivered() == 2
                    && sandbox.google().callbacksDelivered() == 2);
    assertEquals(
        Set.of("IN_REVIEW", "COMPLETED"), metaStatuses(gateway.received("/webhooks/meta")));
    assertEquals(
        Set.of("PROCESSING", "COMPLETED"), tiktokStatuses(gateway.received("/webhooks/tiktok")));
    assertEquals(
        Set.of("UNDER_REVIEW", "RESOLVED"), googleStates(gateway.received("/webhooks/google")));
  }

  @Test
  void aRequestDecidedByHandKeepsItsDecision() throws Exception {
    PartnerClient client = new PartnerClient(sandbox);
    String reference = UUID.randomUUID().toString();
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    sandbox.meta().decline(reference, "NOT_FOUND");

    await()
        .during(DELAY.multipliedBy(2))
        .atMost(PATIENCE)
        .until(() -> "DECLINED".equals(client.metaStatus(id).get("status")));
    assertEquals(1, sandbox.meta().callbacks().size());
  }

  @Test
  void closingStopsPendingCompletions() throws Exception {
    new PartnerClient(sandbox).createAtMeta(UUID.randomUUID().toString(), "CONTENT_REMOVAL");

    sandbox.close();

    await()
        .during(DELAY.multipliedBy(2))
        .atMost(PATIENCE)
        .until(() -> gateway.received("/webhooks/meta").isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static Set<Object> metaStatuses(List<LoggedRequest> callbacks) throws Exception {
    List<Object> statuses = new ArrayList<>();
    for (LoggedRequest callback : callbacks) {
      Map<String, Object> entry =
          ((List<Map<String, Object>>) verifiedMeta(callback).get("entry")).get(0);
      Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
      statuses.add(object(change, "value").get("status"));
    }
    return Set.copyOf(statuses);
  }

  private static Set<Object> tiktokStatuses(List<LoggedRequest> callbacks) throws Exception {
    List<Object> statuses = new ArrayList<>();
    for (LoggedRequest callback : callbacks) {
      statuses.add(JSONObjectUtils.parse((String) json(callback).get("content")).get("status"));
    }
    return Set.copyOf(statuses);
  }

  private static Set<Object> googleStates(List<LoggedRequest> callbacks) throws Exception {
    List<Object> states = new ArrayList<>();
    for (LoggedRequest callback : callbacks) {
      states.add(googleData(json(callback)).get("state"));
    }
    return states.stream().collect(Collectors.toSet());
  }
}
